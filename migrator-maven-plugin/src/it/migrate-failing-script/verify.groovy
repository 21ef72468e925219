String log = new File(basedir, 'build.log').text
// the first migration is applied, the second fails naming its file and line
assert log.contains('Applied migration 001 (create tasks)')
assert log.contains('Migrations applied earlier in this run stay applied: [001]')
assert log =~ /002_add_tags\.sql:5/ : 'the failure names the file and the line'
assert log.contains('no_such_table')
assert log.contains('BUILD FAILURE')
return true
