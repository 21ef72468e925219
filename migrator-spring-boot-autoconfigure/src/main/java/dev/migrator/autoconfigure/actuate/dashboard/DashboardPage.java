package dev.migrator.autoconfigure.actuate.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * One file of the dashboard (its HTML, stylesheet or script), bundled in the jar. The page holds no
 * data: its script reads the {@code migrations} endpoint and posts to it, so what a caller sees and
 * may do is what the endpoint allows that caller. The HTML gets the endpoint's path and whether its
 * writes are open; nothing else is filled in.
 */
final class DashboardPage implements HttpRequestHandler {

	/** Scripts and styles from this page only, requests to this origin only, never framed. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
			+ " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private final byte[] body;

	private final String contentType;

	private DashboardPage(byte[] body, String contentType) {
		this.body = body;
		this.contentType = contentType;
	}

	/** The HTML, with the endpoint's path and whether its writes are open. */
	static DashboardPage html(String endpointPath, boolean writesOpen) {
		String html = read("dashboard.html").replace("{{endpoint}}", HtmlUtils.htmlEscape(endpointPath))
			.replace("{{writes}}", Boolean.toString(writesOpen));
		return new DashboardPage(html.getBytes(StandardCharsets.UTF_8), "text/html;charset=UTF-8");
	}

	static Map<String, DashboardPage> assets() {
		return Map.of("dashboard.css", asset("dashboard.css", "text/css;charset=UTF-8"), "dashboard.js",
				asset("dashboard.js", "text/javascript;charset=UTF-8"));
	}

	private static DashboardPage asset(String name, String contentType) {
		return new DashboardPage(read(name).getBytes(StandardCharsets.UTF_8), contentType);
	}

	private static String read(String name) {
		try (InputStream in = DashboardPage.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The dashboard's " + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader("Allow", "GET, HEAD");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		response.setContentType(this.contentType);
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(this.body.length);
		if ("GET".equals(request.getMethod())) {
			response.getOutputStream().write(this.body);
		}
	}

}
