package dev.migrator.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the running test app: real requests, JSON answers read as maps.
 *
 * @param port the app's port
 * @param authorization the {@code Authorization} header to send, or null for none
 */
record Http(int port, String authorization) {

	/** The sample's Actuator admin, with the sample-only password from application.properties. */
	static final String ADMIN_PASSWORD = "admin-sample-password";

	/** The sample's Actuator viewer, with the sample-only password from application.properties. */
	static final String VIEWER_PASSWORD = "viewer-sample-password";

	Http(int port) {
		this(port, null);
	}

	/** The same client, sending HTTP Basic credentials. */
	Http as(String user, String password) {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new Http(this.port, "Basic " + credentials);
	}

	/** The same client as the sample's admin. */
	Http asAdmin() {
		return as("admin", ADMIN_PASSWORD);
	}

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	Response get(String path) {
		return send(authorized(HttpRequest.newBuilder(uri(path)).GET()));
	}

	Response post(String path, String body) {
		return send(authorized(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))));
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body as text
	 */
	record Response(int status, String body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return Http.json.readValue(this.body, Map.class);
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> jsonList() {
			return Http.json.readValue(this.body, List.class);
		}

	}

}
