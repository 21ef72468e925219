import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

EmbeddedPostgres postgres = EmbeddedPostgres.builder()
	.setServerConfig('fsync', 'off')
	.setServerConfig('synchronous_commit', 'off')
	.start()
context.put('postgres', postgres)
// stopped by verify.groovy; this stops it too when the build failed before that
Runtime.runtime.addShutdownHook(new Thread({ postgres.close() }))
new File(basedir, 'application.yml').text = """\
spring:
  datasource:
    url: jdbc:postgresql://localhost:${postgres.port}/postgres
    username: postgres
"""
return true
