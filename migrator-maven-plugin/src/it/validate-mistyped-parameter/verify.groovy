String log = new File(basedir, 'build.log').text
assert log.contains('<locatons> in the configuration of migrator-maven-plugin is not a parameter; did you mean <locations>?')
assert log.contains('BUILD FAILURE')
return true
