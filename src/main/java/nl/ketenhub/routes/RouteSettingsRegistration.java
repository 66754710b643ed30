package nl.ketenhub.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link RouteSettings} on the Camel context's properties component the moment the context bean is made: the
 * route files are loaded later (when the application context is refreshed), so no {@code {{hub.name}}} placeholder
 * is ever read without it. The settings themselves are looked up at the first placeholder, so this early
 * post-processor does not make the settings beans early.
 */
@Configuration(proxyBeanMethods = false)
public class RouteSettingsRegistration {

    @Bean
    static BeanPostProcessor hubRouteSettings(ObjectProvider<RouteSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CamelContext camel) {
                    camel.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                        @Override
                        public String getName() {
                            return "ketenhub-settings";
                        }

                        @Override
                        public String getProperty(String name) {
                            return name.startsWith(RouteSettings.PREFIX) ? settings.getObject().property(name) : null;
                        }
                    });
                }
                return bean;
            }
        };
    }
}
