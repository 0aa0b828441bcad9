package com.partnerpipeline.app.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event (logback-classic's ILoggingEvent, logback-access's IAccessEvent) seen through a
 * view that masks keys in every text it gives out: messages, arguments, exceptions, thread names,
 * the MDC, the request line, the query string, header and parameter values. A header or parameter
 * named as a secret (X-API-Key, apiKey, Authorization) reads as {@code ***} whatever its value,
 * since a request log format such as {@code %i{X-API-Key}} prints the bare value, without the name
 * the text rules look for. A view over the interface rather than a copy, so a method added to the
 * interface later still answers (unmasked only if it returns a type this class does not know).
 */
final class RedactedEvents {
    private static final String NOT_AVAILABLE =
            "-"; // logback-access's IAccessEvent.NA: absent, nothing to mask

    private RedactedEvents() {}

    static <T> T view(Class<T> type, T event) {
        if (event == null
                || Proxy.isProxyClass(event.getClass())
                        && Proxy.getInvocationHandler(event) instanceof Handler) {
            return event;
        }
        return type.cast(
                Proxy.newProxyInstance(
                        type.getClassLoader(), new Class<?>[] {type}, new Handler(event)));
    }

    private record Handler(Object target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> ApiKeyRedaction.redact(String.valueOf(target));
                };
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (args != null
                    && args.length == 1
                    && args[0] instanceof String name
                    && ApiKeyRedaction.isSecretName(name)
                    && (method.getName().equals("getRequestHeader")
                            || method.getName().equals("getRequestParameter"))) {
                return masked(result);
            }
            return redacted(result);
        }
    }

    private static Object masked(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() || text.equals(NOT_AVAILABLE) ? text : ApiKeyRedaction.MASK;
        }
        if (value instanceof String[] values) {
            String[] masked = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                masked[i] = (String) masked(values[i]);
            }
            return masked;
        }
        return value == null ? null : ApiKeyRedaction.MASK;
    }

    private static Object redacted(Object value) {
        if (value instanceof String text) {
            return ApiKeyRedaction.redact(text);
        }
        if (value instanceof String[] texts) {
            String[] redacted = new String[texts.length];
            for (int i = 0; i < texts.length; i++) {
                redacted[i] = ApiKeyRedaction.redact(texts[i]);
            }
            return redacted;
        }
        if (value instanceof IThrowableProxy throwable) {
            return view(IThrowableProxy.class, throwable);
        }
        if (value instanceof IThrowableProxy[] throwables) {
            IThrowableProxy[] views = new IThrowableProxy[throwables.length];
            for (int i = 0; i < throwables.length; i++) {
                views[i] = view(IThrowableProxy.class, throwables[i]);
            }
            return views;
        }
        if (value
                instanceof
                Object[] arguments) { // a message's arguments: only those whose text holds a key
            // change
            Object[] redacted = arguments.clone();
            for (int i = 0; i < redacted.length; i++) {
                if (redacted[i] != null) {
                    String text = String.valueOf(redacted[i]);
                    String masked = ApiKeyRedaction.redact(text);
                    redacted[i] = masked == text ? redacted[i] : masked;
                }
            }
            return redacted;
        }
        if (value instanceof Map<?, ?> map) {
            return redactedMap(map);
        }
        if (value instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof KeyValuePair) {
            List<KeyValuePair> pairs = new ArrayList<>(list.size());
            for (Object item : list) {
                KeyValuePair pair = (KeyValuePair) item;
                pairs.add(
                        new KeyValuePair(
                                pair.key,
                                pair.value == null ? null : redacted(String.valueOf(pair.value))));
            }
            return pairs;
        }
        return value;
    }

    /**
     * Headers, parameters, the MDC: a copy, sorted as the original was (header maps ignore case).
     */
    private static Map<Object, Object> redactedMap(Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> copy =
                map instanceof SortedMap<?, ?> sorted
                        ? new TreeMap<>((java.util.Comparator<Object>) sorted.comparator())
                        : new LinkedHashMap<>();
        map.forEach(
                (key, value) ->
                        copy.put(
                                key,
                                key instanceof String name && ApiKeyRedaction.isSecretName(name)
                                        ? masked(value)
                                        : redacted(value)));
        return copy;
    }
}
