package io.vigil.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import io.vigil.server.platform.Actor;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the native API (springdoc): served at {@code /api/openapi.json}, with
 * Swagger UI at {@code /api/docs} (docs/api.md). Every operation needs the bearer scheme unless it
 * says otherwise ({@code session/confirm}); each controller names its area with a tag listed here.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    /** The security scheme's name in the document. */
    static final String BEARER = "bearer";

    private static final String PROBLEM = "Problem";

    /** The areas of the API, in the order Swagger UI shows them. */
    static final List<Tag> TAGS = List.of(
            tag("incidents", "Incidents: lifecycle, history, SLA, comments and attachments (docs/incidents.md)."),
            tag(
                    "triage",
                    "The SOC workbench: scored candidates, customer requests awaiting an answer (docs/triage.md)."),
            tag("detection", "Alerts, detection rules, tenant rules and exclusions (docs/detection.md)."),
            tag("telemetry", "Hunting over the telemetry store, ingest keys, agents, file uploads (docs/ingest.md)."),
            tag("assets", "Asset inventory, criticality and fleet prevalence (docs/assets.md)."),
            tag("intel", "Threat intelligence: IoCs and feeds (docs/threat-intel.md)."),
            tag("tenants", "The caller, tenants and their users (docs/access.md)."),
            tag("session", "Exchanging a refresh token for an access token (docs/api-authentication.md)."));

    @Bean
    OpenAPI vigilOpenApi() {
        // The caller is resolved from the bearer token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
        return new OpenAPI()
                .info(new Info()
                        .title("Vigil native API")
                        .version("1")
                        .description("Tenant-scoped, role-checked REST API of Vigil. Errors are"
                                + " application/problem+json with a `message` that names the field and the reason."
                                + " The MDR API v1 compatibility paths come separately.")
                        .license(new License().name("see the repository")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An API connection's access token (1 h), from POST"
                                                + " /api/v1/{client_id}/session/confirm; see"
                                                + " docs/api-authentication.md.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .tags(TAGS);
    }

    /**
     * Every operation's error answer: {@code application/problem+json} with a {@code message}
     * (ApiExceptionHandler), as the {@code default} response.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents()
                    .addSchemas(
                            PROBLEM,
                            new ObjectSchema()
                                    .description("An error (RFC 9457). The status is the HTTP status.")
                                    .addProperty("title", new StringSchema())
                                    .addProperty("status", new IntegerSchema())
                                    .addProperty("detail", new StringSchema())
                                    .addProperty(
                                            "message",
                                            new StringSchema()
                                                    .description("What went wrong, in words a user can act on"))
                                    .addProperty("errors", fieldErrors()));
            ApiResponse error = new ApiResponse()
                    .description("An error: 400 invalid input, 401 no token, 403 role or token refused, 404 not"
                            + " found or not visible, 409 conflict, 412 stale version, 413 too large")
                    .content(new Content()
                            .addMediaType(
                                    "application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperations()
                            .forEach(op -> op.getResponses().addApiResponse("default", error)));
        };
    }

    private static ArraySchema fieldErrors() {
        ArraySchema errors = new ArraySchema();
        errors.setDescription("Invalid input: one entry per field");
        errors.setItems(
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema()));
        return errors;
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
