package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.TenantId;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class IocMatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final TenantId A = new TenantId("tenant-a");
    private static final TenantId B = new TenantId("tenant-b");
    private static long ids;

    private static Ioc ioc(@Nullable TenantId tenant, IocType type, String raw, @Nullable Instant expires) {
        IocValues.Normalised n = IocValues.normalise(type, raw);
        return new Ioc(
                ++ids,
                tenant,
                null,
                "test",
                n.type(),
                n.value(),
                80,
                NOW.minus(Duration.ofDays(1)),
                NOW,
                expires,
                List.of(),
                Tlp.CLEAR,
                "",
                "tester");
    }

    private static CanonicalEvent event(TenantId tenant, Map<String, String> fields) {
        io.vigil.telemetry.TenantId t = new io.vigil.telemetry.TenantId(tenant.value());
        EventId id = EventId.derive(t, List.of(fields.toString()));
        return new CanonicalEvent(
                new EventEnvelope(
                        t,
                        new AssetId("host-1"),
                        id,
                        NOW,
                        NOW,
                        SourceFormat.EVTX_JSON,
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 3),
                        null),
                fields,
                "{}");
    }

    private static final String SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    private static final String MD5 = "44d88612fea8a8f36de82e1278abb02f";

    private final IocMatcher matcher = IocMatcher.builder()
            .add(ioc(null, IocType.SHA256, SHA256, null))
            .add(ioc(A, IocType.MD5, MD5, null))
            .add(ioc(null, IocType.DOMAIN, "evil.example", null))
            .add(ioc(null, IocType.CIDR, "223.166.0.0/15", null))
            .add(ioc(null, IocType.CIDR, "223.167.10.0/24", null))
            .add(ioc(null, IocType.IPV4, "198.51.100.7", NOW.plus(Duration.ofHours(1))))
            .add(ioc(null, IocType.CIDR, "2001:db8:bad::/48", null))
            .add(ioc(null, IocType.URL, "http://cdn.example.org/payload/x.exe", null))
            .add(ioc(B, IocType.DOMAIN, "only-b.example", null))
            .build();

    @Test
    void shouldFindSysmonHashesInAnyCaseAndTenantHashesOnlyForTheirTenant() {
        String hashes = "SHA1=3395856CE81F2B7382DEE72602F798B642F14140,MD5=" + MD5.toUpperCase(java.util.Locale.ROOT)
                + ",SHA256=" + SHA256.toUpperCase(java.util.Locale.ROOT) + ",IMPHASH=00000000000000000000000000000000";
        List<IocHit> hitsA = matcher.match(event(A, Map.of("Hashes", hashes)), NOW);
        assertThat(hitsA)
                .extracting(h -> h.ioc().type(), IocHit::field, IocHit::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                IocType.MD5, "Hashes", MD5.toUpperCase(java.util.Locale.ROOT)),
                        org.assertj.core.groups.Tuple.tuple(
                                IocType.SHA256, "Hashes", SHA256.toUpperCase(java.util.Locale.ROOT)));
        assertThat(matcher.match(event(B, Map.of("Hashes", hashes)), NOW))
                .extracting(h -> h.ioc().type())
                .containsExactly(IocType.SHA256);
    }

    @Test
    void shouldMatchDomainsExactlyAndByParentDomainButNotByBareSuffix() {
        assertThat(matcher.match(event(A, Map.of("QueryName", "evil.example")), NOW))
                .hasSize(1);
        assertThat(matcher.match(event(A, Map.of("QueryName", "a.b.EVIL.example.")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.ioc().value()).isEqualTo("evil.example"));
        assertThat(matcher.match(event(A, Map.of("QueryName", "notevil.example")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(A, Map.of("QueryName", "evil.example.com")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(A, Map.of("DestinationHostname", "x.only-b.example")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(B, Map.of("DestinationHostname", "x.only-b.example")), NOW))
                .hasSize(1);
    }

    @Test
    void shouldMatchAddressesByLongestPrefixInBothFamilies() {
        assertThat(matcher.match(event(A, Map.of("DestinationIp", "223.167.10.99")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.ioc().value()).isEqualTo("223.167.10.0/24"));
        assertThat(matcher.match(event(A, Map.of("DestinationIp", "223.167.11.1")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.ioc().value()).isEqualTo("223.166.0.0/15"));
        assertThat(matcher.match(event(A, Map.of("DestinationIp", "223.168.0.1")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(A, Map.of("SourceIp", "2001:DB8:BAD:1::5")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.field()).isEqualTo("SourceIp"));
        assertThat(matcher.match(event(A, Map.of("SourceIp", "2001:db8:bae::5")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(A, Map.of("IpAddress", "::ffff:198.51.100.7")), NOW))
                .hasSize(1);
        assertThat(matcher.match(event(A, Map.of("IpAddress", "-")), NOW)).isEmpty();
    }

    @Test
    void shouldMatchNormalisedUrlsAndTheirHosts() {
        assertThat(matcher.match(event(A, Map.of("url", "HTTP://CDN.example.org:80/payload/x.exe#top")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo("http://cdn.example.org/payload/x.exe"));
        assertThat(matcher.match(event(A, Map.of("url", "http://cdn.example.org/payload/X.exe")), NOW))
                .isEmpty();
        assertThat(matcher.match(event(A, Map.of("url", "https://www.evil.example/login")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.ioc().type()).isEqualTo(IocType.DOMAIN));
        assertThat(matcher.match(event(A, Map.of("url", "http://198.51.100.7:8080/")), NOW))
                .singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo("198.51.100.7"));
    }

    @Test
    void shouldNotHitWithAnExpiredIoc() {
        CanonicalEvent e = event(A, Map.of("DestinationIp", "198.51.100.7"));
        assertThat(matcher.match(e, NOW)).hasSize(1);
        assertThat(matcher.match(e, NOW.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(matcher.match(e, NOW.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void shouldAllocateAlmostNothingForEventsThatHitNothing() {
        CanonicalEvent quiet = event(
                A,
                Map.of(
                        "Hashes", "SHA256=" + "1".repeat(64) + ",MD5=" + "2".repeat(32),
                        "DestinationIp", "10.20.30.40",
                        "SourceIp", "192.168.1.10",
                        "QueryName", "www.microsoft.com",
                        "Image", "C:\\Windows\\System32\\svchost.exe"));
        for (int i = 0; i < 20_000; i++) {
            assertThat(matcher.match(quiet, NOW)).isEmpty();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int rounds = 100_000;
        long before = threads.getThreadAllocatedBytes(tid);
        int hits = 0;
        for (int i = 0; i < rounds; i++) {
            hits += matcher.match(quiet, NOW).size();
        }
        long perEvent = (threads.getThreadAllocatedBytes(tid) - before) / rounds;
        assertThat(hits).isZero();
        assertThat(perEvent).as("bytes allocated per non-matching event").isLessThan(16);
    }
}
