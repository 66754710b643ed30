package nl.ketenhub.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at /v3/api-docs: partners authenticate with a bearer API key or two-way TLS, admins
 * and viewers with Basic or their console session.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI ketenhubOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Ketenhub API").version("v1")
                        .description("Integration hub for the warm handover between VO schools, MBO institutions and "
                                + "gemeenten. Canonical message schemas: schemas/canonical/v1. Errors are "
                                + "application/problem+json with every violation's JSON pointer. Partners authenticate "
                                + "as their authentication mode says: a bearer API key (api-key), two-way TLS with a "
                                + "PKIoverheid certificate whose subject serialNumber is their OIN (mtls), or either "
                                + "(both). Admins and viewers use HTTP Basic or their console session; a state-changing "
                                + "call on a console session also sends the console's CSRF token as X-CSRF-TOKEN."))
                .components(new Components()
                        .addSecuritySchemes("partnerKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The partner's API key, shown once when it was registered"))
                        .addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("consoleSession", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("An admin's or viewer's console session (sign in at /admin/login); "
                                        + "state-changing calls add the console's CSRF token as X-CSRF-TOKEN")))
                .addSecurityItem(new SecurityRequirement().addList("partnerKey"))
                .addSecurityItem(new SecurityRequirement().addList("admin"))
                .addSecurityItem(new SecurityRequirement().addList("consoleSession"));
    }
}
