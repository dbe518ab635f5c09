using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Security;

public sealed class AccountSecurityTestsOnSqlite() : AccountSecurityTests(TestHost.Sqlite);

public sealed class AccountSecurityTestsOnPostgreSql() : AccountSecurityTests(TestHost.PostgreSql);

public abstract class AccountSecurityTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Several_keys_are_listed_without_the_key_and_a_revoked_key_stops_working()
    {
        var admin = _host.AdminClient();
        var userId = Users.Create(_host, "keys-officer", "officer");
        var first = await admin.PostJson($"/api/users/{userId}/api-keys", new { label = "laptop" }, HttpStatusCode.Created);
        var second = await admin.PostJson($"/api/users/{userId}/api-keys", new { label = "reports script" }, HttpStatusCode.Created);
        var firstKey = (string)first["key"]!;
        var officer = _host.ClientWithKey(firstKey);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/modules")).StatusCode);

        var list = await officer.GetJson($"/api/users/{userId}/api-keys");
        var text = list.ToJsonString();
        Assert.Equal(2, list.AsArray().Count);
        Assert.DoesNotContain(firstKey, text);
        Assert.DoesNotContain((string)second["key"]!, text);
        Assert.Equal(["laptop", "reports script"], list.AsArray().Select(k => (string)k!["label"]!));
        Assert.Equal(firstKey[..8], (string)list[0]!["prefix"]!);
        Assert.NotNull(list[0]!["lastUsedAt"]);
        Assert.Null(list[1]!["lastUsedAt"]?.GetValue<string?>());

        // Another user neither sees nor revokes these keys; the owner revokes their own.
        var stranger = _host.ClientWithKey(await Users.CreateWithKey(_host, "keys-stranger", "officer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/users/{userId}/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/api-keys/{(long)first["id"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/api-keys/{(long)first["id"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/modules")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.ClientWithKey((string)second["key"]!).GetAsync("/api/modules")).StatusCode);
        var after = await admin.GetJson($"/api/users/{userId}/api-keys");
        Assert.True((bool)after[0]!["revoked"]!);
        Assert.False((bool)after[1]!["revoked"]!);
        var actions = (await admin.GetJson("/api/audit")).AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("apikey.revoke", actions);
    }

    [SkippableFact]
    public async Task Password_change_needs_the_current_password_and_the_old_one_stops_working()
    {
        var key = await Users.CreateWithKey(_host, "pw-leader", "leader", organization: true);
        var client = _host.ClientWithKey(key);

        var wrong = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = "not-it", newPassword = "brand-new-password-2" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("currentPassword", await wrong.Content.ReadAsStringAsync());
        var tooShort = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = Users.Password, newPassword = "short" });
        Assert.Contains("newPassword", await tooShort.Content.ReadAsStringAsync());

        var ok = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = Users.Password, newPassword = "brand-new-password-2" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        await Users.SignInAsync(_host, "pw-leader", password: "brand-new-password-2");
        var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var old = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "pw-leader", ["Password"] = Users.Password, ["__RequestVerificationToken"] = Users.Token(await browser.GetStringAsync("/account/login")),
        }));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);   // the form again, with the error
        var audit = (await _host.AdminClient().GetJson("/api/audit")).ToJsonString();
        Assert.Contains("password.change", audit);
        Assert.DoesNotContain("brand-new-password-2", audit);
    }

    [SkippableFact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user()
    {
        Users.Create(_host, "everywhere", "officer");
        var phone = await Users.SignInAsync(_host, "everywhere");
        var laptop = await Users.SignInAsync(_host, "everywhere");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/campaigns")).StatusCode);

        var page = await laptop.GetStringAsync("/account/security");
        var response = await laptop.PostAsync("/account/sign-out-everywhere", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        foreach (var browser in new[] { phone, laptop })
        {
            var after = await browser.GetAsync("/campaigns");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Contains("/account/login", after.Headers.Location!.ToString());
        }
    }

    [SkippableFact]
    public async Task Changing_the_password_on_the_page_keeps_this_session_and_ends_the_others()
    {
        Users.Create(_host, "page-pw", "oblast", "KG-Y");
        var here = await Users.SignInAsync(_host, "page-pw");
        var elsewhere = await Users.SignInAsync(_host, "page-pw");

        var response = await here.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(await here.GetStringAsync("/account/security")),
            ["currentPassword"] = Users.Password, ["newPassword"] = "another-long-password", ["confirmPassword"] = "another-long-password",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/campaigns")).StatusCode);
    }

    [SkippableFact]
    public async Task The_page_creates_a_key_shown_once_and_revokes_it()
    {
        Users.Create(_host, "page-keys", "leader");
        var browser = await Users.SignInAsync(_host, "page-keys");
        var created = await browser.PostAsync("/account/keys", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(await browser.GetStringAsync("/account/security")), ["label"] = "phone app",
        }));
        var html = await created.Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"new-key\">([^<]+)</code>").Groups[1].Value;
        Assert.StartsWith("ce_", key);
        Assert.Equal(HttpStatusCode.OK, (await _host.ClientWithKey(key).GetAsync("/api/modules")).StatusCode);

        var again = await browser.GetStringAsync("/account/security");
        Assert.DoesNotContain(key, again);
        Assert.Contains("phone app", again);
        var keyId = System.Text.RegularExpressions.Regex.Match(again, "/account/keys/(\\d+)/revoke").Groups[1].Value;
        var revoked = await browser.PostAsync($"/account/keys/{keyId}/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(again),
        }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.ClientWithKey(key).GetAsync("/api/modules")).StatusCode);
    }

    [SkippableFact]
    public async Task The_sign_in_cookie_is_http_only_same_site_and_secure_over_https()
    {
        Users.Create(_host, "cookie-flags", "officer");
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "cookie-flags", ["Password"] = Users.Password, ["__RequestVerificationToken"] = Users.Token(await client.GetStringAsync("/account/login")),
        }));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ce_auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
