using System.Net;
using System.Net.Http.Json;
using System.Globalization;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Security;

public sealed class LockoutTestsOnSqlite() : LockoutTests(TestHost.Sqlite);

public sealed class LockoutTestsOnPostgreSql() : LockoutTests(TestHost.PostgreSql);

/// <summary>Password guessing against the real host, many requests at once, as an attacker would.</summary>
public abstract class LockoutTests(string engine) : IDisposable
{
    private const int Parallel = 24;
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    [SkippableFact]
    public async Task Parallel_wrong_passwords_lock_the_account_and_the_right_one_is_refused_after()
    {
        Users.Create(_host, "parallel-target", "officer");
        var attempts = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => SignInForm($"wrong-guess-{i}")));
        var results = await Task.WhenAll(attempts.Select(a => a.Client.PostAsync("/account/login", a.Form)));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));   // the form again, each time

        using (var connection = _host.OpenDatabase())
        {
            var lockedUntil = connection.ExecuteScalar<string?>("SELECT locked_until FROM auth_user WHERE login = 'parallel-target'");
            Assert.NotNull(lockedUntil);
            Assert.True(DateTimeOffset.Parse(lockedUntil, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(14));
        }
        // Only five of the guesses were checked at all: the rest found the account locked.
        var failures = (await _host.AdminClient().GetJson("/api/audit")).AsArray()
            .Count(e => (string)e!["action"]! == "sign-in.failed" && ((string?)e["detail"])?.Contains("wrong", StringComparison.Ordinal) == true);
        Assert.Equal(5, failures);

        var (client, form) = await SignInForm(Users.Password);
        var right = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);   // refused while locked, though the password is right
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/campaigns")).StatusCode);
    }

    [SkippableFact]
    public async Task Parallel_wrong_current_passwords_on_a_password_change_lock_the_account()
    {
        var key = await Users.CreateWithKey(_host, "change-target", "officer");
        var clients = Enumerable.Range(0, Parallel).Select(_ => _host.ClientWithKey(key)).ToList();
        var results = await Task.WhenAll(clients.Select((c, i) =>
            c.PostAsJsonAsync("/api/account/password", new { currentPassword = $"wrong-guess-{i}", newPassword = "a-fresh-uncommon-pass-7" })));
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(Parallel - 5, results.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var locked = results.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Contains("currentPassword", await locked.Content.ReadAsStringAsync());
        Assert.NotNull(locked.Headers.RetryAfter);

        // The right current password is refused too, and so is signing in on the page.
        var right = await clients[0].PostAsJsonAsync("/api/account/password", new { currentPassword = Users.Password, newPassword = "a-fresh-uncommon-pass-7" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var (browser, form) = await SignInForm(Users.Password, "change-target");
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/account/login", form)).StatusCode);
    }

    [SkippableTheory]
    [InlineData("password1")]
    [InlineData("Qwerty123")]
    [InlineData("12345678")]
    [InlineData("Bishkek2024")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("gfhjkm123")]
    public async Task The_most_common_passwords_are_refused_wherever_a_password_is_set(string common)
    {
        var key = await Users.CreateWithKey(_host, "common-" + common.ToLowerInvariant(), "officer");
        var change = await _host.ClientWithKey(key).PostAsJsonAsync("/api/account/password", new { currentPassword = Users.Password, newPassword = common });
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("newPassword", await change.Content.ReadAsStringAsync());
        Assert.Contains("common", await change.Content.ReadAsStringAsync());

        var create = await _host.AdminClient().PostAsJsonAsync("/api/users", new { login = "new-" + common.ToLowerInvariant(), password = common, role = "officer" });
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("\"password\"", await create.Content.ReadAsStringAsync());

        var browser = await Users.SignInAsync(_host, "common-" + common.ToLowerInvariant());
        var page = await browser.PostAsync("/account/password?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(await browser.GetStringAsync("/account/security")),
            ["currentPassword"] = Users.Password, ["newPassword"] = common, ["confirmPassword"] = common,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("most common", await page.Content.ReadAsStringAsync());
        // Nothing changed: the old password still signs in.
        await Users.SignInAsync(_host, "common-" + common.ToLowerInvariant());
    }

    [SkippableFact]
    public async Task A_password_that_contains_the_login_is_refused()
    {
        var key = await Users.CreateWithKey(_host, "kanykei", "officer");
        var change = await _host.ClientWithKey(key).PostAsJsonAsync("/api/account/password", new { currentPassword = Users.Password, newPassword = "Kanykei-long-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("login", await change.Content.ReadAsStringAsync());
    }

    private async Task<(HttpClient Client, FormUrlEncodedContent Form)> SignInForm(string password, string login = "parallel-target")
    {
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Users.Token(await client.GetStringAsync("/account/login"));
        return (client, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
