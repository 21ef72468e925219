String log = new File(basedir, 'build.log').text
// the mistyped key is named with the right one ...
assert log =~ /migrator\.locatons in .*application\.properties is not a setting; did you mean migrator\.locations\?/
// ... and, the default location being used instead, create finds no folder and writes nothing
assert log.contains('The migration location classpath:db/migration (from the default) is in none of')
assert !new File(basedir, 'src/main/resources/db/migration').exists()
assert log.contains('BUILD FAILURE')
return true
