package dev.migrator.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running test app: real requests, JSON answers read as maps. */
record Http(int port) {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	Response post(String path, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
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
