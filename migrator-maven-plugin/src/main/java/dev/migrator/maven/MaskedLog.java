package dev.migrator.maven;

import java.util.function.UnaryOperator;

import org.apache.maven.plugin.logging.Log;

/**
 * The build's log with passwords blanked, as the command line blanks its output: build logs are
 * kept, and CI logs are often read by many.
 */
final class MaskedLog implements Log {

	private final Log log;

	private final UnaryOperator<String> mask;

	MaskedLog(Log log, UnaryOperator<String> mask) {
		this.log = log;
		this.mask = mask;
	}

	private CharSequence masked(CharSequence content) {
		return (content != null) ? this.mask.apply(content.toString()) : null;
	}

	@Override
	public boolean isDebugEnabled() {
		return this.log.isDebugEnabled();
	}

	@Override
	public void debug(CharSequence content) {
		this.log.debug(masked(content));
	}

	@Override
	public void debug(CharSequence content, Throwable error) {
		this.log.debug(masked(content), error);
	}

	@Override
	public void debug(Throwable error) {
		this.log.debug(error);
	}

	@Override
	public boolean isInfoEnabled() {
		return this.log.isInfoEnabled();
	}

	@Override
	public void info(CharSequence content) {
		this.log.info(masked(content));
	}

	@Override
	public void info(CharSequence content, Throwable error) {
		this.log.info(masked(content), error);
	}

	@Override
	public void info(Throwable error) {
		this.log.info(error);
	}

	@Override
	public boolean isWarnEnabled() {
		return this.log.isWarnEnabled();
	}

	@Override
	public void warn(CharSequence content) {
		this.log.warn(masked(content));
	}

	@Override
	public void warn(CharSequence content, Throwable error) {
		this.log.warn(masked(content), error);
	}

	@Override
	public void warn(Throwable error) {
		this.log.warn(error);
	}

	@Override
	public boolean isErrorEnabled() {
		return this.log.isErrorEnabled();
	}

	@Override
	public void error(CharSequence content) {
		this.log.error(masked(content));
	}

	@Override
	public void error(CharSequence content, Throwable error) {
		this.log.error(masked(content), error);
	}

	@Override
	public void error(Throwable error) {
		this.log.error(error);
	}

}
