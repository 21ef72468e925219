String log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text): "build.log should say: " + text }

expect 'Migrated jdbc:sqlite:' + new File(basedir, 'target/app.db').canonicalPath + ' from version 0 to 002: 2 migrations.'
expect 'Applied migration 001 (create tasks)'
expect 'Applied migration 002 (add done)'
assert new File(basedir, 'target/app.db').isFile()
// info, in the same build: both applied
assert log =~ /001\s+create tasks\s+APPLIED/
assert log =~ /002\s+add done\s+APPLIED/
expect 'Valid: 2 migrations checked'
expect 'Rolled back migration 002 (add done)'
expect 'from version 002 to 001: 1 migration.'
// create numbers after the highest version, in the folder of classpath:db/migration
File created = new File(basedir, 'src/main/resources/db/migration/003_add_tags.sql')
assert created.isFile()
assert new File(basedir, 'src/main/resources/db/migration/003_add_tags.down.sql').isFile()
// index: every migration of the folder (003 too, just created) with its checksum, in the output folder
File index = new File(basedir, 'target/classes/META-INF/migrator/index')
assert index.isFile()
assert index.text.contains('001_create_tasks.sql') && index.text.contains('003_add_tags.sql')
expect 'Wrote the migration index'
expect 'BUILD SUCCESS'
return true
