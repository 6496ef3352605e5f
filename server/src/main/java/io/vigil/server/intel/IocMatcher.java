package io.vigil.server.intel;

import io.vigil.telemetry.CanonicalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable in-memory index of IoCs that finds them in telemetry events. Hashes and domains sit
 * in case-insensitive hash tables, addresses and networks in longest-prefix tables, URLs in a map
 * of normalised URLs behind a table of their hosts. An event of tenant T is checked against the
 * provider-wide IoCs and T's own. An IoC whose expiry has passed at the time of the match never
 * hits. Events that hit nothing cost no allocation beyond IPv6 parsing.
 *
 * <p>Fields read (docs/threat-intel.md): hashes in {@value #HASH_FIELDS_DOC}; addresses in {@code
 * DestinationIp}, {@code SourceIp}, {@code IpAddress}, {@code ClientAddress}; domains in {@code
 * QueryName}, {@code DestinationHostname}; URLs in {@code url}, {@code Url}, {@code URL}, {@code
 * url.full}, {@code c-uri} (an absolute URL's host is also checked as a domain or address).
 */
public final class IocMatcher {

    static final String HASH_FIELDS_DOC = "Hashes, Hash, md5, sha1, sha256";
    // arrays, not lists: a for-each over a list allocates an iterator per event
    private static final String[] HASH_FIELDS = {"Hashes", "Hash", "md5", "sha1", "sha256", "MD5", "SHA1", "SHA256"};
    private static final String[] ADDRESS_FIELDS = {"DestinationIp", "SourceIp", "IpAddress", "ClientAddress"};
    private static final String[] DOMAIN_FIELDS = {"QueryName", "DestinationHostname"};
    private static final String[] URL_FIELDS = {"url", "Url", "URL", "url.full", "c-uri"};

    /** The IoCs of one tenant, or the provider-wide ones. */
    private static final class Index {
        final NameTable hashes;
        final NameTable domains;
        final AddressTable addresses;
        final NameTable urlHosts;
        final Map<String, List<Ioc>> urls;

        Index(
                NameTable hashes,
                NameTable domains,
                AddressTable addresses,
                NameTable urlHosts,
                Map<String, List<Ioc>> urls) {
            this.hashes = hashes;
            this.domains = domains;
            this.addresses = addresses;
            this.urlHosts = urlHosts;
            this.urls = urls;
        }
    }

    /** Collects IoCs, then builds the matcher. */
    public static final class Builder {
        private final Map<String, Map<String, List<Ioc>>> hashes = new HashMap<>();
        private final Map<String, Map<String, List<Ioc>>> domains = new HashMap<>();
        private final Map<String, AddressTable.Builder> addresses = new HashMap<>();
        private final Map<String, Map<String, List<Ioc>>> urlHosts = new HashMap<>();
        private final Map<String, Map<String, List<Ioc>>> urls = new HashMap<>();
        private int size;

        public Builder add(Ioc ioc) {
            String key = ioc.tenant() == null ? PROVIDER : ioc.tenant().value();
            switch (ioc.type()) {
                case MD5, SHA1, SHA256 -> put(hashes, key, ioc.value(), ioc);
                case DOMAIN -> put(domains, key, ioc.value(), ioc);
                case IPV4, IPV6, CIDR ->
                    addresses
                            .computeIfAbsent(key, k -> new AddressTable.Builder())
                            .add(ioc);
                case URL -> {
                    put(urls, key, ioc.value(), ioc);
                    put(urlHosts, key, IocValues.urlHost(ioc.value()), ioc);
                }
            }
            size++;
            return this;
        }

        private static void put(Map<String, Map<String, List<Ioc>>> m, String key, String value, Ioc ioc) {
            m.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(value, v -> new ArrayList<>())
                    .add(ioc);
        }

        public IocMatcher build() {
            java.util.Set<String> keys = new java.util.HashSet<>();
            keys.addAll(hashes.keySet());
            keys.addAll(domains.keySet());
            keys.addAll(addresses.keySet());
            keys.addAll(urls.keySet());
            Map<String, Index> indexes = new HashMap<>();
            for (String key : keys) {
                AddressTable.Builder a = addresses.get(key);
                Map<String, List<Ioc>> u = new HashMap<>();
                urls.getOrDefault(key, Map.of()).forEach((k, v) -> u.put(k, List.copyOf(v)));
                indexes.put(
                        key,
                        new Index(
                                new NameTable(hashes.getOrDefault(key, Map.of())),
                                new NameTable(domains.getOrDefault(key, Map.of())),
                                a == null ? new AddressTable.Builder().build() : a.build(),
                                new NameTable(urlHosts.getOrDefault(key, Map.of())),
                                Map.copyOf(u)));
            }
            return new IocMatcher(indexes, size);
        }
    }

    private static final String PROVIDER = "*";

    /** A matcher that matches nothing. */
    public static final IocMatcher EMPTY = new Builder().build();

    private final Map<String, Index> indexes;
    private final @Nullable Index provider;
    private final int size;

    private IocMatcher(Map<String, Index> indexes, int size) {
        this.indexes = Map.copyOf(indexes);
        this.provider = indexes.get(PROVIDER);
        this.size = size;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many IoCs it holds. */
    public int size() {
        return size;
    }

    /** The IoCs found in {@code event} that are active at {@code now}; an empty list when none. */
    public List<IocHit> match(CanonicalEvent event, Instant now) {
        Index own = indexes.get(event.envelope().tenant().value());
        if (provider == null && own == null) {
            return List.of();
        }
        Map<String, String> fields = event.fields();
        List<IocHit> hits = null;
        for (int f = 0; f < HASH_FIELDS.length; f++) {
            String field = HASH_FIELDS[f];
            String v = fields.get(field);
            if (v != null) {
                hits = hashes(field, v, own, now, hits);
            }
        }
        for (int f = 0; f < ADDRESS_FIELDS.length; f++) {
            String field = ADDRESS_FIELDS[f];
            String v = fields.get(field);
            if (v != null) {
                hits = address(field, v, 0, v.length(), own, now, hits);
            }
        }
        for (int f = 0; f < DOMAIN_FIELDS.length; f++) {
            String field = DOMAIN_FIELDS[f];
            String v = fields.get(field);
            if (v != null) {
                hits = domain(field, v, 0, v.length(), own, now, hits);
            }
        }
        for (int f = 0; f < URL_FIELDS.length; f++) {
            String field = URL_FIELDS[f];
            String v = fields.get(field);
            if (v != null) {
                hits = url(field, v, own, now, hits);
            }
        }
        return hits == null ? List.of() : List.copyOf(hits);
    }

    /** {@code ALG=hex,ALG=hex} (Sysmon) or bare hex values separated by commas. */
    private @Nullable List<IocHit> hashes(
            String field, String v, @Nullable Index own, Instant now, @Nullable List<IocHit> hits) {
        int start = 0;
        int n = v.length();
        while (start < n) {
            int end = v.indexOf(',', start);
            if (end < 0) {
                end = n;
            }
            int from = start;
            int eq = v.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                from = eq + 1;
            }
            int to = end;
            while (from < to && v.charAt(from) == ' ') {
                from++;
            }
            while (to > from && v.charAt(to - 1) == ' ') {
                to--;
            }
            int len = to - from;
            if (len == 32 || len == 40 || len == 64) {
                hits = lookup(provider == null ? null : provider.hashes, field, v, from, to, now, hits);
                hits = lookup(own == null ? null : own.hashes, field, v, from, to, now, hits);
            }
            start = end + 1;
        }
        return hits;
    }

    private @Nullable List<IocHit> address(
            String field, String v, int from, int to, @Nullable Index own, Instant now, @Nullable List<IocHit> hits) {
        if (to - from < 2) {
            return hits;
        }
        boolean v6 = false;
        for (int i = from; i < to; i++) {
            if (v.charAt(i) == ':') {
                v6 = true;
                break;
            }
        }
        if (!v6) {
            long a = Addresses.parseV4(v, from, to);
            if (a < 0) {
                return hits;
            }
            hits = add(provider == null ? null : provider.addresses.findV4(a), field, v, from, to, now, hits);
            return add(own == null ? null : own.addresses.findV4(a), field, v, from, to, now, hits);
        }
        long[] w = new long[2];
        if (!Addresses.parseV6(v, from, to, w)) {
            return hits;
        }
        if (w[0] == 0 && (w[1] >>> 32) == 0xffffL) { // ::ffff:a.b.c.d is an IPv4 address
            long a = w[1] & 0xffffffffL;
            hits = add(provider == null ? null : provider.addresses.findV4(a), field, v, from, to, now, hits);
            hits = add(own == null ? null : own.addresses.findV4(a), field, v, from, to, now, hits);
        }
        hits = add(provider == null ? null : provider.addresses.findV6(w[0], w[1]), field, v, from, to, now, hits);
        return add(own == null ? null : own.addresses.findV6(w[0], w[1]), field, v, from, to, now, hits);
    }

    /** The domain and each parent domain (a.b.example.com, b.example.com, example.com, com). */
    private @Nullable List<IocHit> domain(
            String field, String v, int from, int to, @Nullable Index own, Instant now, @Nullable List<IocHit> hits) {
        if (to > from && v.charAt(to - 1) == '.') {
            to--;
        }
        int start = from;
        while (start < to) {
            hits = lookup(provider == null ? null : provider.domains, field, v, start, to, now, hits);
            hits = lookup(own == null ? null : own.domains, field, v, start, to, now, hits);
            int dot = v.indexOf('.', start);
            if (dot < 0 || dot >= to) {
                break;
            }
            start = dot + 1;
        }
        return hits;
    }

    private @Nullable List<IocHit> url(
            String field, String v, @Nullable Index own, Instant now, @Nullable List<IocHit> hits) {
        int scheme = v.indexOf("://");
        if (scheme <= 0) {
            return hits;
        }
        int hostFrom = scheme + 3;
        int hostTo = hostFrom;
        int at = -1;
        while (hostTo < v.length() && "/?#".indexOf(v.charAt(hostTo)) < 0) {
            if (v.charAt(hostTo) == '@') {
                at = hostTo;
            }
            hostTo++;
        }
        if (at >= 0) {
            hostFrom = at + 1;
        }
        if (hostFrom < hostTo && v.charAt(hostFrom) == '[') {
            int close = v.indexOf(']', hostFrom);
            if (close > 0 && close < hostTo) {
                return urlLookup(
                        field,
                        v,
                        own,
                        now,
                        address(field, v, hostFrom + 1, close, own, now, hits),
                        hostFrom + 1,
                        close);
            }
            return hits;
        }
        int colon = v.lastIndexOf(':', hostTo - 1);
        int nameTo = colon >= hostFrom ? colon : hostTo;
        hits = address(field, v, hostFrom, nameTo, own, now, hits);
        hits = domain(field, v, hostFrom, nameTo, own, now, hits);
        return urlLookup(field, v, own, now, hits, hostFrom, nameTo);
    }

    private @Nullable List<IocHit> urlLookup(
            String field,
            String v,
            @Nullable Index own,
            Instant now,
            @Nullable List<IocHit> hits,
            int hostFrom,
            int hostTo) {
        boolean inProvider = provider != null && provider.urlHosts.get(v, hostFrom, hostTo) != null;
        boolean inOwn = own != null && own.urlHosts.get(v, hostFrom, hostTo) != null;
        if (!inProvider && !inOwn) {
            return hits;
        }
        String normalised;
        try {
            normalised = IocValues.url(v.trim());
        } catch (IllegalArgumentException e) {
            return hits;
        }
        if (inProvider && provider != null) {
            hits = add(provider.urls.get(normalised), field, normalised, 0, normalised.length(), now, hits);
        }
        if (inOwn && own != null) {
            hits = add(own.urls.get(normalised), field, normalised, 0, normalised.length(), now, hits);
        }
        return hits;
    }

    private static @Nullable List<IocHit> lookup(
            @Nullable NameTable table,
            String field,
            String v,
            int from,
            int to,
            Instant now,
            @Nullable List<IocHit> hits) {
        return table == null ? hits : add(table.get(v, from, to), field, v, from, to, now, hits);
    }

    private static @Nullable List<IocHit> add(
            @Nullable List<Ioc> found,
            String field,
            String v,
            int from,
            int to,
            Instant now,
            @Nullable List<IocHit> hits) {
        if (found == null) {
            return hits;
        }
        for (Ioc ioc : found) {
            if (ioc.activeAt(now)) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                hits.add(new IocHit(ioc, field, v.substring(from, to)));
            }
        }
        return hits;
    }
}
