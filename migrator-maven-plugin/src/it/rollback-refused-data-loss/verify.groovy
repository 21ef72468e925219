String log = new File(basedir, 'build.log').text
assert log.contains('from version 0 to 001: 1 migration.') : 'migrate ran first'
assert log.contains('Rollback refused, nothing was changed')
assert log.contains('tasks')
assert log.contains('<allowDataLoss>true</allowDataLoss>') : 'says how to go ahead, in the pom\'s words'
assert log.contains('BUILD FAILURE')
return true
