package com.mobilityhub.hub.operations;

import com.mobilityhub.hub.HubTestProperties;
import com.mobilityhub.hub.ThroughTheHub;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import javax.management.ObjectName;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Hawtio console in a real headless Chromium (Debian's chromium + chromedriver): a login page for strangers,
 * a read-only console for a viewer, an operable one for an admin. Login and the route list go through the real UI;
 * stopping a route is a Jolokia {@code exec} sent by {@code fetch()} from the logged-in page, with the page's
 * session cookie and its CSRF token (the Hawtio client's own way of calling Jolokia), because the PatternFly
 * route table's stop button is too brittle to drive. The route's state is checked through Camel and JMX.
 */
class HawtioConsoleIT extends ThroughTheHub {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    /** A REST route nothing else in the test JVM needs while it is briefly stopped (started again afterwards). */
    private static final String ROUTE = "get-vehicle-analytics";
    private static final Duration UI_WAIT = Duration.ofSeconds(60);

    @Autowired
    private CamelContext camel;

    private WebDriver browser;

    @BeforeEach
    void browser() {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(binary).canExecute()) {
                fail(binary + " is missing: HawtioConsoleIT needs Chromium and its driver. Install them with "
                        + "`sudo apt-get install -y chromium chromium-driver` (Debian/Ubuntu; .ci/run does it), or point "
                        + "-Dchromium.binary and -Dchromedriver.binary at another install.");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, for failures
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (camel.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started) {
            try {
                camel.getRouteController().startRoute(ROUTE); // other test classes share this hub
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void showsTheLoginPageToSomeoneNotLoggedIn() {
        browser.get(hub.baseUrl() + "/actuator/hawtio/");

        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElements(By.name("username"))).hasSize(1);
        assertThat(browser.findElements(By.name("password"))).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain("<title>Hawtio</title>");
    }

    @Test
    void refusesAWrongPassword() {
        logIn(HubTestProperties.CONSOLE_ADMIN, HubTestProperties.CONSOLE_PASSWORD + "-wrong");

        assertThat(browser.getCurrentUrl()).contains("/login?error");
        assertThat(jolokia("{\"type\":\"version\"}").status()).isNotEqualTo(200);
    }

    @Test
    void letsAViewerSeeTheHubsRoutesButNotStopOne() {
        logIn(HubTestProperties.CONSOLE_VIEWER, HubTestProperties.CONSOLE_PASSWORD);

        seesTheHubsRoutesInTheCamelTab();
        Answer read = jolokia("{\"type\":\"read\",\"mbean\":\"" + routeMBean() + "\",\"attribute\":\"State\"}");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"value\":\"Started\"");

        Answer stop = jolokia(exec("stop()"));
        Answer stopByGet = fetch("GET", "/actuator/hawtio/jolokia/exec/org.apache.camel:context=hub,type=routes,name=%22"
                + ROUTE + "%22/stop()", null, true);

        assertThat(stop.status()).as(stop.body()).isEqualTo(403);
        assertThat(stopByGet.status()).as(stopByGet.body()).isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(stateInJmx()).isEqualTo("Started");
    }

    @Test
    void letsAnAdminStopAndStartARoute() {
        logIn(HubTestProperties.CONSOLE_ADMIN, HubTestProperties.CONSOLE_PASSWORD);
        seesTheHubsRoutesInTheCamelTab();

        Answer withoutCsrfToken = fetch("POST", "/actuator/hawtio/jolokia", exec("stop()"), false);
        assertThat(withoutCsrfToken.status()).as(withoutCsrfToken.body()).isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        Answer stop = jolokia(exec("stop()"));

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(stop.body()).contains("\"status\":200");
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        assertThat(stateInJmx()).isEqualTo("Stopped");

        Answer start = jolokia(exec("start()"));

        assertThat(start.status()).as(start.body()).isEqualTo(200);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(stateInJmx()).isEqualTo("Started");
    }

    private void logIn(String username, String password) {
        browser.get(hub.baseUrl() + "/actuator/hawtio/");
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, UI_WAIT).until(page -> !page.getCurrentUrl().endsWith("/login"));
    }

    /** The real UI: Hawtio's Camel tab lists the hub's routes (read through Jolokia as the logged-in user). */
    private void seesTheHubsRoutesInTheCamelTab() {
        browser.get(hub.baseUrl() + "/actuator/hawtio/camel/routes");
        try {
            new WebDriverWait(browser, UI_WAIT).until(page -> page.getPageSource().contains(ROUTE));
        } catch (RuntimeException e) {
            fail("Hawtio's Camel tab never listed " + ROUTE + " at " + browser.getCurrentUrl() + "; the page showed:\n"
                    + ((JavascriptExecutor) browser).executeScript("return document.title + '\\n' + document.body.innerText")
                    + "\nBrowser console:\n" + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
        assertThat(browser.getTitle()).contains("Hawtio");
    }

    private String routeMBean() {
        return "org.apache.camel:context=hub,type=routes,name=\\\"" + ROUTE + "\\\"";
    }

    private String exec(String operation) {
        return "{\"type\":\"exec\",\"mbean\":\"" + routeMBean() + "\",\"operation\":\"" + operation + "\"}";
    }

    private Answer jolokia(String body) {
        return fetch("POST", "/actuator/hawtio/jolokia", body, true);
    }

    /** A request from the page, with its session cookie and (when asked) the CSRF header the Hawtio client adds. */
    private Answer fetch(String method, String path, String body, boolean csrfHeader) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const [method, path, body, csrfHeader, done] = arguments;
                const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
                const headers = {'Content-Type': 'application/json'};
                if (csrfHeader && cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.substring(11));
                fetch(path, {method, headers, body: body ?? undefined, credentials: 'same-origin', redirect: 'manual'})
                    .then(async r => done({status: r.status, body: await r.text()}))
                    .catch(e => done({status: -1, body: String(e)}));
                """, method, path, body, csrfHeader);
        return new Answer(((Number) answer.get("status")).intValue(), (String) answer.get("body"));
    }

    private String stateInJmx() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("org.apache.camel:context=hub,type=routes,name=\"" + ROUTE + "\""), "State");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {
    }
}
