String log = new File(basedir, 'build.log').text
assert log.contains('no-such.db') : 'the message names the database'
assert log.contains('BUILD FAILURE')
// info only reads: it must not have created the file
assert !new File(basedir, 'target/no-such.db').exists()
return true
