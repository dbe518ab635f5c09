using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>What a copy of the data folder gives away: with the key ring encrypted, not the sign-in cookies; on Unix, nothing to other accounts.</summary>
public sealed class DataFolderTests : IDisposable
{
    private const string CertificatePassword = "pfx-password-for-tests";
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "ce-tests", "shared-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task With_a_certificate_configured_the_key_ring_on_disk_is_encrypted_and_a_copy_without_it_signs_nobody_in()
    {
        var certificate = WriteCertificate();
        string cookie;
        using (var first = Host(certificate))
        {
            Security.Users.Create(first, "ring-officer", "officer");
            cookie = await SignInCookie(first);
            Assert.Equal(HttpStatusCode.OK, (await Get(first, cookie)).StatusCode);
        }
        var files = Directory.GetFiles(Path.Combine(_shared, "keys"), "*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }

        // Restarted with the certificate, the host reads its keys and the session goes on.
        using (var again = Host(certificate))
            Assert.Equal(HttpStatusCode.OK, (await Get(again, cookie)).StatusCode);
        // The same database and key files without the certificate: the cookie is worth nothing.
        using var copy = Host(null);
        var stolen = await Get(copy, cookie);
        Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
        Assert.Contains("/account/login", stolen.Headers.Location!.ToString());
    }

    [Fact]
    public void A_configured_certificate_that_cannot_be_read_stops_the_start()
    {
        using var host = new TestHost { Settings = { ["DataProtection:CertificatePath"] = Path.Combine(_shared, "missing.pfx") } };
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("DataProtection:CertificatePath", Messages(error));
    }

    // Windows data folders inherit the ACL of where they are made; there the test has nothing to check.
    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Files_and_folders_the_host_creates_are_for_its_own_account_only()
    {
        // The operator's folder (left as it is), holding an outbox left readable by an older version (tightened).
        var data = Path.Combine(_shared, "data");
        Directory.CreateDirectory(Path.Combine(data, "outbox"), (UnixFileMode)Convert.ToInt32("755", 8));
        using var host = new TestHost
        {
            Settings =
            {
                ["Database:Path"] = Path.Combine(data, "db", "campaign-engine.db"), ["Outbox:Path"] = Path.Combine(data, "outbox"),
                ["Uploads:Path"] = Path.Combine(data, "uploads"),
            },
        };
        Security.Users.Create(host, "files-officer", "officer");
        await SignInCookie(host, "files-officer");   // writes the first key of the key ring
        var admin = host.AdminClient();
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-N", moduleId = "naryn", title = new { ky = "Кудук", ru = "Колодец", en = "Well" }, budget = 1000, currency = "USD",
        }, HttpStatusCode.Created))["id"]!;
        var update = new MultipartFormDataContent { { new StringContent("Photo of the site"), "text" } };
        update.Add(new ByteArrayContent(ProjectTestKit.Png()), "files", "site.png");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/projects/{project}/updates", update)).StatusCode);
        host.Services.GetRequiredService<FileOutbox>().SendBatch([Sending.ProviderStub.Message("whatsapp")], CancellationToken.None);

        var folders = Directory.GetDirectories(data, "*", SearchOption.AllDirectories);
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        Assert.Contains(folders, f => f.EndsWith("keys", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".txt", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("campaign-engine.db-wal", StringComparison.Ordinal));
        var loose = folders.Where(f => File.GetUnixFileMode(f) != (UnixFileMode)Convert.ToInt32("700", 8))
            .Concat(files.Where(f => File.GetUnixFileMode(f) != (UnixFileMode)Convert.ToInt32("600", 8)))
            .Select(f => $"{Path.GetRelativePath(data, f)} {File.GetUnixFileMode(f)}").ToList();
        Assert.True(loose.Count == 0, "Readable by others:\n" + string.Join("\n", loose));
    }

    private TestHost Host(string? certificate)
    {
        var host = new TestHost
        {
            Settings =
            {
                ["Database:Path"] = Path.Combine(_shared, "campaign-engine.db"),
                ["DataProtection:KeysPath"] = Path.Combine(_shared, "keys"),
                ["Bootstrap:AdminApiKey"] = TestHost.AdminKey,
            },
        };
        if (certificate is not null)
        {
            host.Settings["DataProtection:CertificatePath"] = certificate;
            host.Settings["DataProtection:CertificatePassword"] = CertificatePassword;
        }
        return host;
    }

    private string WriteCertificate()
    {
        Directory.CreateDirectory(_shared);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CampaignEngine key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var path = Path.Combine(_shared, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    private static async Task<string> SignInCookie(TestHost host, string login = "ring-officer")
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Login"] = login, ["Password"] = Security.Users.Password, ["__RequestVerificationToken"] = Security.Users.Token(await form.Content.ReadAsStringAsync()),
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ce_auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static Task<HttpResponseMessage> Get(TestHost host, string cookie)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/security");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Messages(e.InnerException);

    public void Dispose()
    {
        try { Directory.Delete(_shared, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
