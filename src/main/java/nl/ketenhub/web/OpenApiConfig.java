package nl.ketenhub.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs: partners authenticate with a bearer API key, admins with Basic. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI ketenhubOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Ketenhub API").version("v1")
                        .description("Integration hub for the warm handover between VO schools, MBO institutions and "
                                + "gemeenten. Canonical message schemas: schemas/canonical/v1. Errors are "
                                + "application/problem+json with every violation's JSON pointer."))
                .components(new Components()
                        .addSecuritySchemes("partnerKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The partner's API key, shown once when it was registered"))
                        .addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("partnerKey"))
                .addSecurityItem(new SecurityRequirement().addList("admin"));
    }
}
