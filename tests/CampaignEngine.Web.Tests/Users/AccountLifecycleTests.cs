using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Users;

public sealed class AccountLifecycleTestsOnSqlite() : AccountLifecycleTests(TestHost.Sqlite);

public sealed class AccountLifecycleTestsOnPostgreSql() : AccountLifecycleTests(TestHost.PostgreSql);

/// <summary>
/// An admin's hold on other accounts, and signing out, through the API and the pages of the real host. Runs on both
/// engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract partial class AccountLifecycleTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    [SkippableFact]
    public async Task A_disabled_user_cannot_sign_in_or_use_a_key_and_their_open_sessions_end()
    {
        var key = await Security.Users.CreateWithKey(_host, "to-disable", "officer");
        var id = UserId("to-disable");
        var browser = await Security.Users.SignInAsync(_host, "to-disable");
        var admin = _host.AdminClient();

        var disabled = await admin.PostAsync($"/api/users/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((bool)(await disabled.ReadNode())["disabled"]!);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.ClientWithKey(key).GetAsync("/api/modules")).StatusCode);
        Assert.False(await SignsIn("to-disable", Security.Users.Password));
        // Disabling again changes nothing and writes no second entry.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{id}/enable", null)).StatusCode);
        Assert.True(await SignsIn("to-disable", Security.Users.Password));
        // The keys revoked on disabling stay revoked: the user makes new ones.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.ClientWithKey(key).GetAsync("/api/modules")).StatusCode);

        var actions = Actions(await admin.GetJson("/api/audit"), $"user/{id}");
        Assert.Equal(1, actions.Count(a => a == "user.disable"));
        Assert.Equal(1, actions.Count(a => a == "user.enable"));
    }

    [SkippableFact]
    public async Task A_role_or_scope_change_ends_the_sessions_revokes_the_keys_and_applies_at_the_next_sign_in()
    {
        var key = await Security.Users.CreateWithKey(_host, "moving-oblast", "oblast", region: "KG-Y");
        var id = UserId("moving-oblast");
        var browser = await Security.Users.SignInAsync(_host, "moving-oblast");
        var admin = _host.AdminClient();

        var missingRegion = await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "oblast" });
        Assert.Equal(HttpStatusCode.BadRequest, missingRegion.StatusCode);
        Assert.Contains("region", await missingRegion.Content.ReadAsStringAsync());
        var leaderWithoutOrganization = await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "leader" });
        Assert.Contains("organizationId", await leaderWithoutOrganization.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/campaigns")).StatusCode);   // refused changes end nothing

        var moved = await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "oblast", region = "naryn" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("KG-N", (string)(await moved.ReadNode())["region"]!);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.ClientWithKey(key).GetAsync("/api/modules")).StatusCode);

        var again = await Security.Users.SignInAsync(_host, "moving-oblast");
        var page = await again.GetStringAsync("/account/security");
        Assert.Contains("Нарынская область", page);   // the header names the new region (Russian by default)
        Assert.Contains("user.role", Actions(await admin.GetJson("/api/audit"), $"user/{id}"));
    }

    [SkippableFact]
    public async Task A_reset_gives_a_temporary_password_once_that_must_be_changed_before_anything_else()
    {
        Security.Users.Create(_host, "forgetful", "officer");
        var id = UserId("forgetful");
        var before = await Security.Users.SignInAsync(_host, "forgetful");
        var admin = _host.AdminClient();

        var reset = await admin.PostAsync($"/api/users/{id}/password-reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var temporary = (string)(await reset.ReadNode())["temporaryPassword"]!;
        Assert.True(temporary.Length >= 16);
        Assert.Equal(HttpStatusCode.Redirect, (await before.GetAsync("/campaigns")).StatusCode);
        Assert.False(await SignsIn("forgetful", Security.Users.Password));
        Assert.True((bool)(await admin.GetJson($"/api/users/{id}"))["mustChangePassword"]!);

        var browser = await Security.Users.SignInAsync(_host, "forgetful", password: temporary);
        var elsewhere = await browser.GetAsync("/campaigns");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/account/security", elsewhere.Headers.Location!.OriginalString);
        var changed = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.Users.Token(await browser.GetStringAsync("/account/security")),
            ["currentPassword"] = temporary, ["newPassword"] = "my-own-river-stone-9", ["confirmPassword"] = "my-own-river-stone-9",
        }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/campaigns")).StatusCode);
        Assert.False(await SignsIn("forgetful", temporary));
        Assert.True(await SignsIn("forgetful", "my-own-river-stone-9"));
        Assert.False((bool)(await admin.GetJson($"/api/users/{id}"))["mustChangePassword"]!);

        var audit = (await admin.GetJson("/api/audit")).ToJsonString();
        Assert.Contains("user.password-reset", audit);
        Assert.DoesNotContain(temporary, audit);
    }

    [SkippableFact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        Security.Users.Create(_host, "leaving", "officer");
        var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await browser.GetAsync("/account/login");
        var antiforgery = Cookies(form);
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Login"] = "leaving", ["Password"] = Security.Users.Password, ["__RequestVerificationToken"] = Security.Users.Token(await form.Content.ReadAsStringAsync()),
            }),
        };
        signIn.Headers.Add("Cookie", antiforgery);
        var signedIn = await browser.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = antiforgery + "; " + Cookies(signedIn);

        Assert.Equal(HttpStatusCode.OK, (await Get(browser, "/account/security", cookie)).StatusCode);
        var page = await (await Get(browser, "/account/security", cookie)).Content.ReadAsStringAsync();
        var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Security.Users.Token(page) }),
        };
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(logout)).StatusCode);

        // The same cookie, as a copy would send it after the browser dropped its own.
        var replay = await Get(browser, "/account/security", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/account/login", replay.Headers.Location!.ToString());
        Assert.Contains("sign-out", (await _host.AdminClient().GetJson("/api/audit")).AsArray().Select(e => (string)e!["action"]!));
    }

    [SkippableFact]
    public async Task An_admin_cannot_lock_themselves_out_nor_remove_the_last_admin()
    {
        var admin = _host.AdminClient();
        var me = UserId("admin");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/users/{me}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/users/{me}/role", new { role = "officer" })).StatusCode);

        // A second admin may disable the first; then the second is the last enabled admin and stays.
        var second = await Security.Users.CreateWithKey(_host, "second-admin", "admin");
        var secondId = UserId("second-admin");
        Assert.Equal(HttpStatusCode.OK, (await _host.ClientWithKey(second).PostAsync($"/api/users/{me}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.ClientWithKey(second).PostAsync($"/api/users/{secondId}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.ClientWithKey(second).PostAsync("/api/users/999999/disable", null)).StatusCode);
    }

    [SkippableFact]
    public async Task The_users_page_creates_a_user_with_a_temporary_password_and_disables_them()
    {
        var browser = await Security.Users.SignInAsync(_host, "page-admin", "admin");
        var list = await browser.GetStringAsync("/users?lang=en");
        Assert.Contains("page-admin", list);
        var created = await browser.PostAsync("/users?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.Users.Token(list), ["login"] = "new-leader", ["role"] = "leader",
            ["organizationId"] = Organization().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        var temporary = TemporaryPassword().Match(html).Groups[1].Value;
        Assert.True(temporary.Length >= 16, html);
        Assert.DoesNotContain(temporary, await browser.GetStringAsync("/users"));

        var newcomer = await Security.Users.SignInAsync(_host, "new-leader", password: temporary);
        Assert.Equal("/account/security", (await newcomer.GetAsync("/pledges")).Headers.Location!.OriginalString);

        var id = UserId("new-leader");
        var detail = await browser.GetStringAsync($"/users/{id}");
        var disabled = await browser.PostAsync($"/users/{id}/disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.Users.Token(detail),
        }));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.GetAsync("/account/security")).StatusCode);
        Assert.True((bool)(await _host.AdminClient().GetJson($"/api/users/{id}"))["disabled"]!);
    }

    private long UserId(string login) => TestCompatriots.Scalar(_host, "SELECT id FROM auth_user WHERE login = @login", new { login });

    private long Organization() => TestCompatriots.Scalar(_host,
        "INSERT INTO directory_organization (name, created_at) VALUES ('Lifecycle org', '2026-01-01T00:00:00.000Z') RETURNING id");

    private async Task<bool> SignsIn(string login, string password)
    {
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = Security.Users.Token(await client.GetStringAsync("/account/login")),
        }));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private static List<string> Actions(System.Text.Json.Nodes.JsonNode audit, string subject) =>
        audit.AsArray().Where(e => (string?)e!["subject"] == subject).Select(e => (string)e!["action"]!).ToList();

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static Task<HttpResponseMessage> Get(HttpClient client, string url, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    [GeneratedRegex("<code id=\"temporary-password\">([^<]+)</code>")]
    private static partial Regex TemporaryPassword();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
