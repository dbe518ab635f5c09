using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class OfflineVerifyTestsOnSqlite(CertificatesHostFixture fixture) : OfflineVerifyTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class OfflineVerifyTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : OfflineVerifyTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>
/// The offline check end to end: a PDF downloaded from the API and the published issuers.json, verified by
/// the real host executable run as a process (which must not need the database, the server or the network).
/// </summary>
public abstract class OfflineVerifyTests(ICertificatesHost fixture)
{
    private TestHost _host => fixture.Host;

    [SkippableFact]
    public async Task Issuers_json_is_public_cacheable_and_its_jwk_verifies_the_pdf_payload()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul));
        var (payload, text) = CertificatePdfReader.Read(await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));

        var response = await _host.CreateClient().GetAsync("/.well-known/campaign-engine/issuers.json");
        response.EnsureSuccessStatusCode();
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        var keys = JsonSerializer.Deserialize<IssuersDocument>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        var issuer = Assert.Single(keys.Issuers, i => i.ModuleId == "issyk-kul");
        Assert.Equal("IK", issuer.SerialPrefix);
        Assert.Equal("Ысык-Көл облусунун администрациясы", issuer.Names["ky"]);

        var parsed = CertificatePayload.TryParse(payload);
        Assert.NotNull(parsed);
        Assert.Equal(serial, parsed.Serial);
        Assert.Equal(CertificateTestData.Aigul, parsed.HolderName);
        Assert.Contains(CertificateTestData.Aigul.Replace(" ", ""), text.Replace(" ", "").Replace("\n", ""));
        // A verifier that only knows JWK (not SPKI) must reach the same answer.
        var jwk = issuer.Keys.Single(k => k.Kid == parsed.KeyId).Jwk;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.X), Y = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.Y) },
        });
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(parsed.Canonical), System.Buffers.Text.Base64Url.DecodeFromChars(parsed.Signature), HashAlgorithmName.SHA256));
    }

    [SkippableFact]
    public async Task Qr_signature_is_checked_by_the_verify_page()
    {
        var admin = _host.AdminClient();
        var (serial, verifyUrl) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Нурлан Токтогулов"));
        var qr = _host.Services.GetRequiredService<CertificateDocuments>()
            .QrPayload(_host.Services.GetRequiredService<CertificateStore>().Find(serial)!);
        Assert.StartsWith(verifyUrl + "?k=", qr);
        var path = new Uri(qr).PathAndQuery;

        Assert.Contains("data-status=\"valid\"", await _host.CreateClient().GetStringAsync(path));
        var forged = path[..^2] + (path[^2] == 'A' ? "B" : "A") + path[^1];
        Assert.Contains("data-status=\"tampered\"", await _host.CreateClient().GetStringAsync(forged));
    }

    [SkippableFact]
    public async Task Verify_command_accepts_a_genuine_pdf_and_rejects_altered_content()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul));
        var folder = Directory.CreateDirectory(Path.Combine(_host.Root, "offline-" + serial)).FullName;
        var pdf = Path.Combine(folder, $"{serial}.pdf");
        await File.WriteAllBytesAsync(pdf, await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
        var keys = Path.Combine(folder, "keys.json");
        await File.WriteAllTextAsync(keys, await _host.CreateClient().GetStringAsync("/.well-known/campaign-engine/issuers.json"));

        var valid = await HostCommand.RunAsync(folder, "verify", pdf, "--keys", keys);
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);
        Assert.StartsWith($"valid: {serial}", valid.Output);
        Assert.Contains(CertificateTestData.Aigul, valid.Output);

        // The payload line, as printed by the command, with one letter of the name changed.
        var payload = CertificatePayload.TryParse(CertificatePdfReader.Read(await File.ReadAllBytesAsync(pdf)).Payload)!.ToString();
        Assert.Equal(0, (await HostCommand.RunAsync(folder, "verify", payload, "--keys", keys)).ExitCode);
        var tampered = await HostCommand.RunAsync(folder, "verify", payload.Replace("Айгүл", "Айгул"), "--keys", keys);
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith($"tampered: {serial}", tampered.Output);

        // A PDF whose printed name was changed while its metadata still carries the genuine signature.
        var store = _host.Services.GetRequiredService<CertificateStore>();
        var module = ShippedModules.Manifest("issyk-kul");
        var document = _host.Services.GetRequiredService<CertificateDocuments>().For(store.Find(serial)!, module);
        var altered = Path.Combine(folder, "altered.pdf");
        await File.WriteAllBytesAsync(altered, CertificatePdf.Render(document with { HolderName = CertificateTestData.Aigul.Replace("Ң", "Н") }));
        var alteredResult = await HostCommand.RunAsync(folder, "verify", altered, "--keys", keys);
        Assert.Equal(1, alteredResult.ExitCode);
        Assert.Contains("tampered", alteredResult.Output);
        Assert.Contains("holder name", alteredResult.Output);
    }

    [SkippableFact]
    public async Task Verify_command_reports_an_unknown_key_and_needs_no_database()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Бакыт Асанов"));
        var folder = Directory.CreateDirectory(Path.Combine(_host.Root, "unknown-" + serial)).FullName;
        var pdf = Path.Combine(folder, $"{serial}.pdf");
        await File.WriteAllBytesAsync(pdf, await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
        var keys = Path.Combine(folder, "issuers.json");
        await File.WriteAllTextAsync(keys, """{ "version": 1, "payloadFormat": "ce-cert-v1", "issuers": [] }""");

        // No --keys: issuers.json in the working directory is used.
        var result = await HostCommand.RunAsync(folder, "verify", pdf);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"unknown key: {serial}", result.Output);
        Assert.False(File.Exists(Path.Combine(folder, "data", "campaign-engine.db")), "the command must not create a database");
    }
}
