package dev.migrator.autoconfigure.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrator.core.api.ClosestName;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Refuses a write to the {@code migrations} endpoint that carries a key none of its parameters
 * takes. Actuator binds the keys of a request's body and query to the operation's parameters by
 * name and drops the rest, so {@code {"steps":1,"dry_run":true}} would run a real rollback; here it
 * is a 400 naming the key, the closest known one and all of them. An {@link OperationInvokerAdvisor}
 * sees every caller's arguments before the operation runs, over HTTP as over JMX.
 */
public final class StrictRequestKeys implements OperationInvokerAdvisor {

	private final EndpointId endpointId;

	/** @param endpointId the endpoint whose writes are checked */
	public StrictRequestKeys(EndpointId endpointId) {
		this.endpointId = endpointId;
	}

	@Override
	public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
			OperationInvoker invoker) {
		if (!this.endpointId.equals(endpointId) || operationType != OperationType.WRITE) {
			return invoker;
		}
		// JMX passes the caller's security context by its parameter's name too
		Set<String> selectors = parameters.stream()
			.filter((parameter) -> parameter.getAnnotation(Selector.class) != null
					|| SecurityContext.class.isAssignableFrom(parameter.getType()))
			.map(OperationParameter::getName)
			.collect(Collectors.toSet());
		List<String> known = parameters.stream()
			.filter((parameter) -> parameter.getAnnotation(Selector.class) == null)
			.filter((parameter) -> !SecurityContext.class.isAssignableFrom(parameter.getType()))
			.map(OperationParameter::getName)
			.toList();
		return (context) -> {
			List<String> unknown = new ArrayList<>();
			for (String key : context.getArguments().keySet()) {
				if (!known.contains(key) && !selectors.contains(key)) {
					unknown.add(key);
				}
			}
			if (unknown.isEmpty()) {
				return invoker.invoke(context);
			}
			return MigrationsEndpoint.error(WebEndpointResponse.STATUS_BAD_REQUEST, message(unknown, known));
		};
	}

	static String message(List<String> unknown, List<String> known) {
		StringBuilder message = new StringBuilder();
		for (String key : unknown) {
			message.append((message.length() == 0) ? "" : "; ").append("Unknown key '").append(key).append("'");
			String closest = ClosestName.near(key, known);
			if (closest != null) {
				message.append(": did you mean '").append(closest).append("'?");
			}
		}
		return message.append(" Nothing was run. The keys this operation takes: ")
			.append(String.join(", ", known))
			.toString();
	}

}
