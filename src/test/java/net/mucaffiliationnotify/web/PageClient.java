package net.mucaffiliationnotify.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without a browser: java.net.http with a cookie jar, redirects left to the test. */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    /** An answer. */
    static final class Page {
        final URI uri;
        final int status;
        final String body;
        final String location;

        Page(URI uri, int status, String body, String location) {
            this.uri = uri;
            this.status = status;
            this.body = body;
            this.location = location;
        }

        /** @return the CSRF token of the page's forms */
        String csrf() {
            final Matcher matcher = CSRF.matcher(body);
            assertTrue("no CSRF token in the page:\n" + body, matcher.find());
            return matcher.group(1);
        }

        /** @return the redirect target, resolved */
        URI redirect() {
            assertEquals("expected a redirect:\n" + body, 302, status);
            assertNotNull(location);
            return uri.resolve(location);
        }

        @Override
        public String toString() {
            return status + " " + uri + "\n" + body;
        }
    }

    Page get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10)).build());
    }

    /** @param parameters name, value, name, value, … (a name may repeat) */
    Page post(URI uri, String... parameters) throws IOException, InterruptedException {
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            pairs.add(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        // As browsers send forms: no charset in the content type.
        return send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs), StandardCharsets.UTF_8))
            .timeout(Duration.ofSeconds(10)).build());
    }

    /** @return the page a redirect leads to */
    Page follow(Page redirect) throws IOException, InterruptedException {
        return get(redirect.redirect());
    }

    private Page send(HttpRequest request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(request.uri(), response.statusCode(), response.body(),
            response.headers().firstValue("Location").orElse(null));
    }
}
