package io.vigil.server.intel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TAXII 2.1 client that reads one collection's objects. The feed's location is a discovery URL
 * (ending in {@code /taxii2/}, whose {@code default} or first API root is used) or an API root URL.
 * The collection must be listed and readable. Objects are read oldest first with {@code
 * added_after} (resumed from the last refresh) and {@code limit}; pages follow the envelope's
 * {@code more}/{@code next}, or {@code X-TAXII-Date-Added-Last} when a server gives no {@code next}.
 */
final class TaxiiClient {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private static final Map<String, String> ACCEPT = Map.of("Accept", MEDIA_TYPE);

    private final FeedFetcher fetcher;
    private final JsonMapper json;
    private final StixImporter stix;
    private final int pageSize;
    private final int maxPages;

    TaxiiClient(FeedFetcher fetcher, JsonMapper json, int pageSize, int maxPages) {
        this.fetcher = fetcher;
        this.json = json;
        this.stix = new StixImporter(json);
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /**
     * Reads the objects added after {@code addedAfter} into {@code report}.
     *
     * @return the {@code added_after} to resume from next time (unchanged when nothing was read)
     */
    @Nullable
    String read(String location, String collection, @Nullable String addedAfter, ImportReport report) {
        String apiRoot;
        try {
            apiRoot = apiRoot(location);
            JsonNode collections = get(apiRoot + "collections/").body;
            boolean found = false;
            for (JsonNode c : collections.path("collections")) {
                if (collection.equals(c.path("id").asString(""))) {
                    found = true;
                    if (!c.path("can_read").asBoolean(true)) {
                        report.fail(location, "collection " + collection + " cannot be read (can_read: false)");
                        return addedAfter;
                    }
                }
            }
            if (!found) {
                report.fail(location, "API root " + apiRoot + " has no collection " + collection);
                return addedAfter;
            }
        } catch (IOException e) {
            report.fail(location, e.getMessage());
            return addedAfter;
        }
        String after = addedAfter;
        String newest = addedAfter;
        String next = null;
        for (int page = 0; page < maxPages; page++) {
            StringBuilder url =
                    new StringBuilder(apiRoot + "collections/" + enc(collection) + "/objects/?limit=" + pageSize);
            if (after != null) {
                url.append("&added_after=").append(enc(after));
            }
            if (next != null) {
                url.append("&next=").append(enc(next));
            }
            Page p;
            try {
                p = get(url.toString());
            } catch (IOException e) {
                report.fail(url.toString(), e.getMessage());
                return newest;
            }
            stix.readTree(p.body, "page " + (page + 1), report);
            String last = p.header("X-TAXII-Date-Added-Last");
            if (last != null) {
                newest = last;
            }
            if (!p.body.path("more").asBoolean(false)) {
                return newest;
            }
            if (p.body.path("next").isString()) {
                next = p.body.path("next").asString();
                continue;
            }
            if (last == null) {
                report.problem(
                        url.toString(),
                        "the server says there is more but gives neither 'next' nor"
                                + " X-TAXII-Date-Added-Last; stopped");
                return newest;
            }
            after = last;
            next = null;
        }
        report.problem(
                location,
                "stopped after " + maxPages + " pages (vigil.intel.taxii-max-pages); the rest"
                        + " follows at the next refresh");
        return newest;
    }

    private String apiRoot(String location) throws IOException {
        String base = location.endsWith("/") ? location : location + "/";
        if (!base.endsWith("/taxii2/")) {
            get(base); // the API root's information: fails early when it is not one
            return base;
        }
        JsonNode discovery = get(base).body;
        String root = discovery.path("default").asString("");
        if (root.isEmpty() && discovery.path("api_roots").size() > 0) {
            root = discovery.path("api_roots").get(0).asString("");
        }
        if (root.isEmpty()) {
            throw new IOException("the discovery document at " + base + " names no API root");
        }
        String resolved = URI.create(base).resolve(root).toString();
        return resolved.endsWith("/") ? resolved : resolved + "/";
    }

    private record Page(JsonNode body, Map<String, List<String>> headers) {
        @Nullable
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private Page get(String url) throws IOException {
        FeedFetcher.Fetched f = fetcher.fetch(url, ACCEPT);
        try {
            return new Page(json.readTree(f.body()), f.headers());
        } catch (JacksonException e) {
            throw new IOException(url + " did not answer JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
