package nl.ketenhub.admin;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows: who is signed in and whether they may act. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

    @ModelAttribute("isAdmin")
    boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }

    @ModelAttribute("userName")
    String userName(Authentication auth) {
        return auth == null ? null : auth.getName();
    }

    @ModelAttribute("userRole")
    String userRole(Authentication auth) {
        if (auth == null) {
            return null;
        }
        return isAdmin(auth) ? "ADMIN" : "VIEWER";
    }
}
