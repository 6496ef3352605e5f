package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.api.ConnectionService;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The threat-intel API through HTTP: roles, tenant IoCs, uploads with their limit, feeds, audit. */
class IntelApiTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    AuditLog audit;

    private final JsonMapper json = JsonMapper.builder().build();

    private String token(Role role, io.vigil.server.platform.@Nullable TenantId tenant) {
        ConnectionService.Issued issued = fixtures.connection(role, tenant);
        return new Http(base()).accessToken(issued);
    }

    private HttpResponse<String> upload(String path, byte[] body, String token) {
        return new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/octet-stream")
                        .header("Authorization", "Bearer " + token)
                        .build());
    }

    @Test
    void shouldLetTenantAdminsAddAndDeleteTheirIocsAndViewersOnlyRead() {
        Tenant tenant = fixtures.tenant();
        String admin = token(Role.TENANT_ADMIN, tenant.id());
        String viewer = token(Role.TENANT_VIEWER, tenant.id());
        Http http = new Http(base());
        String path = "/api/tenants/" + tenant.id().value() + "/iocs";
        HttpResponse<String> added = http.postJson(
                path, "{\"type\": \"domain\", \"value\": \"Evil-API.Example.\", \"tags\": [\"c2\"]}", admin);
        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode ioc = json.readTree(added.body());
        assertThat(ioc.get("value").asString()).isEqualTo("evil-api.example");
        assertThat(ioc.get("tenantId").asString()).isEqualTo(tenant.id().value());

        assertThat(http.postJson(path, "{\"type\": \"domain\", \"value\": \"x.example\"}", viewer)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = http.postJson(path, "{\"type\": \"ipv4\", \"value\": \"300.1.1.1\"}", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not a dotted-quad IPv4 address");
        assertThat(http.getJson(path, viewer).body()).contains("evil-api.example");
        assertThat(http.getJson("/api/intel/feeds", viewer).statusCode()).isEqualTo(403);

        HttpResponse<String> deleted =
                http.sendJson("DELETE", path + "/" + ioc.get("id").asLong(), "", admin);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(http.getJson(path, viewer).body()).doesNotContain("evil-api.example");
        assertThat(audit.newest(TenantScope.of(tenant.id()), 20, 0))
                .extracting(AuditEntry::action)
                .contains("intel.ioc_added", "intel.ioc_deleted");
    }

    @Test
    void shouldImportAnUploadedCsvReportSkippedRowsAndRefuseTooLargeFilesWith413() {
        Tenant tenant = fixtures.tenant();
        String admin = token(Role.TENANT_ADMIN, tenant.id());
        String path = "/api/tenants/" + tenant.id().value() + "/iocs/import?format=urlhaus&name=urlhaus.csv";
        HttpResponse<String> r = upload(path, SharedIoc.resource("urlhaus.csv"), admin);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode run = json.readTree(r.body());
        assertThat(run.get("status").asString()).isEqualTo("PARTIAL");
        assertThat(run.get("added").asInt()).isEqualTo(3);
        assertThat(run.get("problems").toString()).contains("line 12").contains("line 13");
        assertThat(new Http(base())
                        .getJson("/api/intel/iocs?type=url&value=http://cdn.badsite.example/a.sh", admin)
                        .body())
                .contains("upload:urlhaus.csv");

        assertThat(upload(path, new byte[1024 * 1024 + 1], admin).statusCode()).isEqualTo(413);
        assertThat(upload("/api/tenants/" + tenant.id().value() + "/iocs/import?format=nope", new byte[1], admin)
                        .statusCode())
                .isEqualTo(400);
        assertThat(upload("/api/intel/iocs/import?format=stix", new byte[1], admin)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldLetProviderAdminsManageFeedsAndAnalystsOnlyReadThem() throws Exception {
        String provider = token(Role.PROVIDER_ADMIN, null);
        String analyst = token(Role.SOC_ANALYST, null);
        Path file = Files.createTempFile("feodo", ".csv");
        Files.write(file, SharedIoc.resource("feodo.csv"));
        Http http = new Http(base());
        String name = Fixtures.unique("feodo");
        HttpResponse<String> created = http.postJson(
                "/api/intel/feeds",
                "{\"name\": \"" + name + "\", \"kind\": \"feodo\", \"location\": \""
                        + file.toString().replace("\\", "\\\\") + "\", \"intervalMinutes\": 30}",
                provider);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(http.postJson("/api/intel/feeds/" + id + "/refresh", "", analyst)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> refreshed = http.postJson("/api/intel/feeds/" + id + "/refresh", "", provider);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(refreshed.body()).get("added").asInt()).isEqualTo(2);
        HttpResponse<String> runs = http.getJson("/api/intel/feeds/" + id + "/runs", analyst);
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).contains("999.0.2.1");
        assertThat(http.getJson("/api/intel/feeds", analyst).body()).contains(name);
        assertThat(http.postJson(
                                "/api/intel/feeds",
                                "{\"name\": \"x\", \"kind\": \"stix\", \"location\": \"/x\"}",
                                analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.sendJson("DELETE", "/api/intel/feeds/" + id, "", provider)
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.getJson("/api/intel/feeds/" + id + "/runs", provider).statusCode())
                .isEqualTo(404);
    }
}
