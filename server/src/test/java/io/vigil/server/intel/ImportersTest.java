package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The importers on the real files of ../shared/datasets/ioc, on fixtures in the documented formats, and on bad input. */
class ImportersTest {

    private final Importers importers = new Importers(JsonMapper.builder().build());

    private ImportReport read(FeedKind kind, byte[] doc) {
        ImportReport report = new ImportReport(1_000_000);
        importers.read(kind, doc, "doc", report);
        return report;
    }

    private static Map<IocType, List<String>> byType(ImportReport r) {
        return r.indicators().stream()
                .collect(Collectors.groupingBy(
                        Indicator::type, Collectors.mapping(Indicator::value, Collectors.toList())));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadTheApt1ReportsIndicatorsAndReportTheCertificatePatternsItCannotMatch() {
        ImportReport r = read(FeedKind.STIX, SharedIoc.read("stix2-examples/examples/threat-reports/apt1.json"));
        assertThat(r.entries()).isEqualTo(12);
        Map<IocType, List<String>> found = byType(r);
        assertThat(found.get(IocType.CIDR)).contains("223.166.0.0/15", "58.246.0.0/15");
        assertThat(found.get(IocType.DOMAIN)).contains("hugesoft.org", "arrowservice.net", "msnhome.org");
        assertThat(found.get(IocType.MD5)).contains("001dd76872d80801692ff942308c64e6");
        assertThat(r.problems())
                .filteredOn(p -> p.contains("x509-certificate"))
                .hasSize(2)
                .allMatch(p -> p.startsWith("doc objects[") && p.contains("no comparison Vigil can match"));
        assertThat(r.status()).isEqualTo(FeedRun.Status.PARTIAL);
    }

    @Test
    void shouldTurnEveryOrAlternativeIntoAnIocAndSkipOnlyTheMalformedOne() {
        ImportReport r = read(FeedKind.STIX, SharedIoc.read("stix2-examples/examples/threat-reports/poisonivy.json"));
        assertThat(r.entries()).isEqualTo(25);
        Map<IocType, List<String>> found = byType(r);
        assertThat(found.get(IocType.DOMAIN))
                .contains("www.webserver.dynssl.com", "microsoftc.byinter.net", "nkr.iphone.qpoe.com");
        assertThat(found.get(IocType.IPV4)).contains("113.10.246.30", "219.90.112.203", "60.10.1.115");
        // '[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115']': the IP is kept
        assertThat(r.problems()).anyMatch(p -> p.contains("domain autuo.xicp.net") && p.contains("contains ' '"));
        assertThat(r.problems()).anyMatch(p -> p.contains("file:name"));
    }

    @Test
    void shouldReadTheSpecExamplesAndIgnoreNonIndicatorObjects() {
        ImportReport c2 =
                read(FeedKind.STIX, SharedIoc.read("stix2-examples/examples/indicators-for-C2-with-COA.json"));
        assertThat(c2.indicators())
                .extracting(Indicator::value)
                .containsExactlyInAnyOrder(
                        "10.0.0.0", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
        assertThat(c2.status()).isEqualTo(FeedRun.Status.OK);
        ImportReport infra = read(FeedKind.STIX, SharedIoc.read("stix2-examples/examples/infrastructure.json"));
        assertThat(infra.entries()).isZero();
        assertThat(infra.status()).isEqualTo(FeedRun.Status.OK);
        ImportReport mail = read(
                FeedKind.STIX,
                SharedIoc.read("stix2-examples/examples/malicious-email-indicator-with-attachment.json"));
        assertThat(mail.indicators()).isEmpty();
        assertThat(mail.problems()).hasSize(2).allMatch(p -> p.contains("no comparison Vigil can match"));
    }

    @Test
    void shouldTagAPartlyMatchableAndPatternAndReadTlpMarkings() {
        String bundle = """
                {"type":"bundle","id":"bundle--1","objects":[
                 {"type":"marking-definition","id":"marking-definition--x","definition_type":"tlp",
                  "definition":{"tlp":"amber"}},
                 {"type":"indicator","id":"indicator--1","pattern_type":"stix","confidence":85,
                  "valid_from":"2026-01-01T00:00:00Z","valid_until":"2027-01-01T00:00:00Z",
                  "indicator_types":["malicious-activity"],"object_marking_refs":["marking-definition--x"],
                  "pattern":"[file:hashes.'SHA-256' = 'AB%s' AND file:name = 'a.exe'] WITHIN 600 SECONDS"},
                 {"type":"indicator","id":"indicator--2","pattern_type":"stix",
                  "object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"],
                  "pattern":"[ipv6-addr:value ISSUBSET '2001:db8::/32'] OR [url:value = 'http://x.example/a']"},
                 {"type":"indicator","id":"indicator--3","pattern_type":"sigma","pattern":"title: x"},
                 {"type":"indicator","id":"indicator--4","pattern":"[domain-name:value = 'a.example'"},
                 {"type":"indicator","id":"indicator--5","pattern":"[domain-name:value IN ('b.example', 'c.example')]"}
                ]}""".formatted("0".repeat(62));
        ImportReport r = read(FeedKind.STIX, utf8(bundle));
        Indicator hash = r.indicators().stream()
                .filter(i -> i.type() == IocType.SHA256)
                .findFirst()
                .orElseThrow();
        assertThat(hash.tags()).containsExactly("malicious-activity", StixImporter.PARTIAL_TAG);
        assertThat(hash.confidence()).isEqualTo(85);
        assertThat(hash.tlp()).isEqualTo(Tlp.AMBER);
        assertThat(hash.validUntil()).hasToString("2027-01-01T00:00:00Z");
        assertThat(r.indicators())
                .filteredOn(i -> i.tlp() == Tlp.RED)
                .extracting(Indicator::value)
                .containsExactlyInAnyOrder("2001:db8::/32", "http://x.example/a");
        assertThat(byType(r).get(IocType.DOMAIN)).containsExactlyInAnyOrder("b.example", "c.example");
        assertThat(r.problems())
                .containsExactly(
                        "doc objects[3] indicator--3: pattern_type 'sigma' is not supported (only stix)",
                        "doc objects[4] indicator--4: pattern: expected ']' at character 33");
    }

    @Test
    void shouldFailADocumentThatIsNotJsonOrNotABundleWithoutThrowing() {
        ImportReport notJson = read(FeedKind.STIX, utf8("{\"objects\": [ "));
        assertThat(notJson.status()).isEqualTo(FeedRun.Status.FAILED);
        assertThat(notJson.problems().getFirst()).startsWith("doc: not valid JSON");
        ImportReport notBundle = read(FeedKind.STIX, utf8("42"));
        assertThat(notBundle.problems().getFirst()).contains("not a STIX bundle");
        ImportReport deep = read(FeedKind.STIX, utf8("[".repeat(5000) + "]".repeat(5000)));
        assertThat(deep.status()).isEqualTo(FeedRun.Status.FAILED);
        String nested =
                "{\"type\":\"indicator\",\"pattern\":\"" + "(".repeat(200) + "[a:b = 'c']" + ")".repeat(200) + "\"}";
        ImportReport nestedPattern = read(FeedKind.STIX, utf8(nested));
        assertThat(nestedPattern.problems().getFirst()).contains("nested deeper than");
    }

    @Test
    void shouldReadMispEventsOnlyTakingToIdsAttributesOfMatchableTypes() {
        ImportReport r = read(
                FeedKind.MISP_EVENT,
                SharedIoc.read("misp-pymisp-tests/tests/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        assertThat(byType(r).keySet()).containsExactlyInAnyOrder(IocType.MD5, IocType.SHA1, IocType.SHA256);
        assertThat(r.entries()).isEqualTo(9);
        // link, comment, text (to_ids false); filename and regkey|value (nothing Vigil matches)
        assertThat(r.ignored()).isEqualTo(6);
        assertThat(r.status()).isEqualTo(FeedRun.Status.OK);

        ImportReport bad = read(FeedKind.MISP_EVENT, utf8("""
                {"Event": {"info": "t", "Tag": [{"name": "tlp:green"}, {"name": "apt"}], "Attribute": [
                  {"type": "ip-dst|port", "value": "192.0.2.1|443", "to_ids": true},
                  {"type": "domain|ip", "value": "a.example|192.0.2.2", "to_ids": "1"},
                  {"type": "domain", "value": "bad domain", "to_ids": true},
                  {"type": "ip-dst", "to_ids": true},
                  {"type": "url", "value": "http://a.example/x", "to_ids": true, "deleted": true}]}}"""));
        assertThat(bad.indicators())
                .extracting(Indicator::value)
                .containsExactly("192.0.2.1", "a.example", "192.0.2.2");
        assertThat(bad.indicators())
                .allMatch(i -> i.tlp() == Tlp.GREEN && i.tags().contains("apt"));
        assertThat(bad.problems())
                .containsExactly(
                        "doc Attribute[2]: domain: 'bad domain' contains ' ', which a domain name cannot hold",
                        "doc Attribute[3]: an attribute needs string 'type' and 'value'");
        assertThat(read(FeedKind.MISP_EVENT, utf8("{\"x\": 1}")).status()).isEqualTo(FeedRun.Status.FAILED);
    }

    @Test
    void shouldReadTheInfobloxMispFeedAndReportTheEventFilesItLacks() {
        Path feed = SharedIoc.dir().resolve("infoblox/indicators/misp");
        ImportReport r = new ImportReport(1_000_000);
        importers.misp().readFeed(name -> read(feed, name), 1000, r);
        Map<IocType, List<String>> found = byType(r);
        assertThat(found.get(IocType.DOMAIN)).hasSizeGreaterThan(60_000).contains("aaaaa655.com");
        assertThat(found.get(IocType.URL)).isNotEmpty();
        assertThat(found.get(IocType.SHA256)).hasSize(30);
        // a TLSH value filed as filename|sha256, without the '|'
        assertThat(r.problems())
                .anyMatch(p -> p.contains("Attribute[") && p.contains("filename|sha256") && p.contains("has no '|'"));
        assertThat(r.ignored()).isEqualTo(31); // email-src
        // the manifest names 46 events; 5 event files are not in the data set
        assertThat(r.failures()).isEqualTo(5);
        assertThat(r.problems()).filteredOn(p -> p.contains("cannot be read")).hasSize(5);
        assertThat(r.status()).isEqualTo(FeedRun.Status.PARTIAL);
        assertThat(r.indicators()).allMatch(i -> i.tlp() == Tlp.CLEAR);
    }

    @Test
    void shouldRefuseAManifestEntryThatIsNotAUuidSoNoPathIsEverRead() {
        ImportReport r = new ImportReport(100);
        importers
                .misp()
                .readFeed(
                        name -> name.equals("manifest.json")
                                ? utf8("{\"../../etc/passwd\": {}, \"x\": 1}")
                                : utf8("must not be read"),
                        10,
                        r);
        assertThat(r.problems()).hasSize(2).allMatch(p -> p.contains("is not an event uuid"));
    }

    private static byte[] read(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(name);
        }
        return Files.readAllBytes(p);
    }

    @Test
    void shouldReadTheInfobloxCsvListsRefangingValues() {
        ImportReport r = read(FeedKind.INFOBLOX, SharedIoc.read("infoblox/indicators/combined.csv"));
        assertThat(r.entries()).isEqualTo(32_970);
        assertThat(r.indicators()).hasSizeGreaterThan(32_900);
        assertThat(byType(r).get(IocType.DOMAIN)).contains("5.2.1.6.3.0.0.0.7.4.0.1.0.0.2.ip6.arpa");
        ImportReport volta =
                read(FeedKind.INFOBLOX, SharedIoc.read("infoblox/indicators/csv/volta_stealer_20260629_iocs.csv"));
        assertThat(volta.indicators()).extracting(Indicator::value).contains("comalign.pro", "zorivian.pro");
        assertThat(volta.indicators().getFirst().tags()).containsExactly("clickfix");
        assertThat(volta.indicators().getFirst().firstSeen()).hasToString("2026-06-26T00:00:00Z");
    }

    @Test
    void shouldReadUrlhausRowsAndReportTheMalformedOnesWithTheirLine() {
        ImportReport r = read(FeedKind.URLHAUS, SharedIoc.resource("urlhaus.csv"));
        assertThat(r.indicators())
                .extracting(Indicator::value)
                .containsExactly(
                        "http://198.51.100.23:40213/i",
                        "https://evil-downloads.example.com/payload/update.exe",
                        "http://cdn.badsite.example/a.sh");
        assertThat(r.indicators().getFirst().tags())
                .containsExactly("malware_download", "32-bit", "elf", "mips", "Mozi");
        assertThat(r.indicators().getFirst().firstSeen()).hasToString("2026-11-27T10:01:05Z");
        assertThat(r.problems())
                .containsExactly(
                        "doc line 12: 'not a url at all' is not an absolute URL (scheme://host/…)",
                        "doc line 13: quote opened at character 33 is not closed");
    }

    @Test
    void shouldReadThreatFoxByItsHeaderWithTheNewerIsCompromisedColumn() {
        ImportReport r = read(FeedKind.THREATFOX, SharedIoc.resource("threatfox.csv"));
        assertThat(r.indicators())
                .extracting(Indicator::type, Indicator::value, Indicator::confidence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IocType.IPV4, "203.0.113.77", 100),
                        org.assertj.core.groups.Tuple.tuple(IocType.DOMAIN, "update-check.example.net", 75),
                        org.assertj.core.groups.Tuple.tuple(
                                IocType.URL, "http://update-check.example.net/gate.php", 75),
                        org.assertj.core.groups.Tuple.tuple(IocType.MD5, "44d88612fea8a8f36de82e1278abb02f", 50));
        assertThat(r.indicators().getFirst().tags()).contains("botnet_cc", "Cobalt Strike", "c2");
        assertThat(r.ignored()).isEqualTo(1); // sha3_384_hash
        assertThat(r.problems()).containsExactly("doc line 15: confidence_level 'high' is not a number");
    }

    @Test
    void shouldReadMalwareBazaarAndFeodoRows() {
        ImportReport mb = read(FeedKind.MALWAREBAZAAR, SharedIoc.resource("malwarebazaar.csv"));
        assertThat(mb.indicators())
                .extracting(Indicator::type)
                .containsExactly(IocType.SHA256, IocType.MD5, IocType.SHA1);
        assertThat(mb.indicators().getFirst().tags()).containsExactly("com");
        assertThat(mb.problems()).singleElement().asString().startsWith("doc line 11: a SHA-256 hash has 64");
        ImportReport feodo = read(FeedKind.FEODO, SharedIoc.resource("feodo.csv"));
        assertThat(feodo.indicators()).extracting(Indicator::value).containsExactly("192.0.2.45", "2001:db8:ffff::45");
        assertThat(feodo.indicators().getFirst().tags()).containsExactly("QakBot", "botnet_cc");
        assertThat(feodo.problems()).containsExactly("doc line 12: '999.0.2.1' is not a dotted-quad IPv4 address");
    }

    @Test
    void shouldStopAddingAtTheIndicatorLimitAndSayWhy() {
        StringBuilder csv = new StringBuilder("type,indicator,classification,detected_date\n");
        for (int i = 0; i < 50; i++) {
            csv.append("domain,host").append(i).append(".example,bad,2026-01-01\n");
        }
        ImportReport r = new ImportReport(10);
        importers.read(FeedKind.INFOBLOX, utf8(csv.toString()), "doc", r);
        assertThat(r.indicators()).hasSize(10);
        assertThat(r.problems()).singleElement().asString().contains("more than 10 indicators");
        assertThat(r.skipped()).isEqualTo(40);
    }
}
