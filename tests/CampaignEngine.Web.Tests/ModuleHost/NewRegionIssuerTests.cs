using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.ModuleHost;

public sealed class NewRegionIssuerTestsOnSqlite() : NewRegionIssuerTests(TestHost.Sqlite);

public sealed class NewRegionIssuerTestsOnPostgreSql() : NewRegionIssuerTests(TestHost.PostgreSql);

/// <summary>
/// Osh and Chui oblasts, Bishkek and Osh city could not issue a certificate before they had a module. On a host started
/// as a newcomer starts it (its own process, demo data on), each of their demo administrations signs in with the login
/// and password the first start prints, issues a certificate to a native of its region from the issue form, and the
/// paper carries its own issuer and serial prefix.
/// </summary>
public abstract partial class NewRegionIssuerTests(string engine) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ce-regions").FullName;
    private readonly ProcessDatabase _database = new(engine);

    [SkippableFact]
    public async Task Each_new_region_s_demo_administration_signs_in_and_issues_a_certificate_under_its_own_issuer()
    {
        using var host = await HostProcess.StartAsync(_data, _database.With(new Dictionary<string, string> { ["Demo:Enabled"] = "true", ["Demo:Compatriots"] = "400" }));
        var printed = PrintedLogins().Matches(host.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        foreach (var (region, code, prefix, issuer) in new[]
                 {
                     ("osh", "KG-O", "OS-", "Ош облусунун администрациясы"),
                     ("chui", "KG-C", "CH-", "Чүй облусунун администрациясы"),
                     ("bishkek", "KG-GB", "BK-", "Бишкек шаарынын мэриясы"),
                     ("osh-city", "KG-GO", "OC-", "Ош шаарынын мэриясы"),
                 })
        {
            Assert.True(printed.TryGetValue($"oblast.{region}", out var password), $"the first start prints no login for oblast.{region}");
            var browser = await SignInAsync(host, $"oblast.{region}", password!);
            var serial = await IssueAsync(browser, NativeOf(host, code), region);

            Assert.StartsWith(prefix, serial, StringComparison.Ordinal);
            Assert.Contains(issuer, await new HttpClient().GetStringAsync($"{host.BaseUrl}/verify/{serial}"), StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    private static async Task<HttpClient> SignInAsync(HostProcess host, string login, string password)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = Security.Users.Token(await browser.GetStringAsync("/account/login")),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {login}: {response.StatusCode}");
        return browser;
    }

    private static async Task<string> IssueAsync(HttpClient browser, long compatriot, string module)
    {
        var response = await browser.PostAsync("/certificates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.Users.Token(await browser.GetStringAsync("/certificates")),
            ["CompatriotId"] = compatriot.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ModuleId"] = module,
            ["Kind"] = "gratitude", ["Language"] = "ky", ["Reason"] = "Жердештерге көрсөткөн жардамы үчүн",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"issuing for {module}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Uri.UnescapeDataString(SerialInAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    private long NativeOf(HostProcess host, string region)
    {
        using var connection = _database.Open(host);
        return connection.ExecuteScalar<long>("SELECT MIN(id) FROM directory_compatriot WHERE home_region = @region", new { region });
    }

    [GeneratedRegex(@"oblast\s+login: (\S+)\s+password: (\S+)")]
    private static partial Regex PrintedLogins();

    [GeneratedRegex(@"^/certificates/([^?]+)\?issued=true")]
    private static partial Regex SerialInAddress();
}
