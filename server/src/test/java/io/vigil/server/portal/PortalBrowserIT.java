package io.vigil.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.HeadlessChromium;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.Role;
import io.vigil.server.tenant.UserService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal in a real headless Chromium: first sign-in with the forced password change, creating
 * a tenant, an account and an API connection, revoking it in place (htmx), signing out.
 */
class PortalBrowserIT extends ServerTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Autowired
    Fixtures fixtures;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement byTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + id + "']")));
    }

    private void screenshot(String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldWalkAnAdminThroughFirstSignInTenantsAccountsAndApiConnections() throws IOException {
        UserService.Created admin = fixtures.freshUser(Role.PROVIDER_ADMIN, null);

        browser.get(base() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("login");
        browser.findElement(By.name("username")).sendKeys(admin.user().username());
        browser.findElement(By.name("password")).sendKeys(admin.initialPassword());
        byTestId("sign-in").click();

        assertThat(byTestId("must-change").getText()).contains("Choose your own password");
        browser.findElement(By.name("current")).sendKeys(admin.initialPassword());
        browser.findElement(By.name("password")).sendKeys("browser chosen passphrase");
        browser.findElement(By.name("repeated")).sendKeys("browser chosen passphrase");
        byTestId("change-password").click();
        assertThat(byTestId("notice").getText()).contains("Your password is changed");
        assertThat(byTestId("signed-in-user").getText()).isEqualTo(admin.user().username());

        String tenantName = Fixtures.unique("Browser Tenant");
        browser.get(base() + "/tenants");
        byTestId("tenant-name-input").sendKeys(tenantName);
        byTestId("create-tenant").click();
        assertThat(byTestId("tenant-title").getText()).isEqualTo(tenantName);

        browser.findElement(By.name("username")).sendKeys(Fixtures.unique("viewer"));
        byTestId("create-tenant-user").click();
        assertThat(byTestId("one-time-password").getText()).hasSize(24);

        browser.get(base() + "/connections");
        byTestId("connection-name").sendKeys("SOAR playbooks");
        new Select(byTestId("connection-role")).selectByValue("TENANT_ADMIN");
        new Select(byTestId("connection-tenant")).selectByVisibleText(tenantName);
        byTestId("create-connection").click();
        String clientId = byTestId("client-id").getText();
        String refreshToken = byTestId("refresh-token").getText();
        assertThat(clientId).matches("[0-9a-f]{32}");
        assertThat(refreshToken.split("\\.")).hasSize(3);
        screenshot("connection-issued");

        browser.get(base() + "/connections");
        WebElement row = browser.findElement(By.id("connection-" + clientId));
        row.findElement(By.cssSelector("[data-testid='revoke']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // htmx swaps the row in place: the old element goes stale while the new one arrives.
        wait.ignoring(StaleElementReferenceException.class)
                .until(d ->
                        d.findElement(By.id("connection-" + clientId)).getText().contains("revoked"));
        screenshot("connections");

        int status = new Http(base())
                .postJson(
                        "/api/v1/" + clientId + "/session/confirm",
                        "{\"refresh_token\": \"" + refreshToken + "\"}",
                        null)
                .statusCode();
        assertThat(status).isEqualTo(403);

        byTestId("sign-out").click();
        wait.until(ExpectedConditions.urlContains("/login?signedOut"));
        assertThat(browser.getPageSource()).contains("You are signed out.");
    }
}
