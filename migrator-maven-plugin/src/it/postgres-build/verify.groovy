try {
	String log = new File(basedir, 'build.log').text
	assert log =~ /Migrated jdbc:postgresql:\/\/localhost:\d+\/postgres from version 0 to 002: 2 migrations\./
	assert log =~ /001\s+create tasks\s+APPLIED/
	assert log =~ /002\s+add done\s+APPLIED/
	assert log.contains('BUILD SUCCESS')
	return true
}
finally {
	context.get('postgres')?.close()
}
