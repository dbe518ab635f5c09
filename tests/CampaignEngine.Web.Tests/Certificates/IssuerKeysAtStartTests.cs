using System.Text.Json;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class IssuerKeysAtStartTestsOnSqlite() : IssuerKeysAtStartTests(TestHost.Sqlite);

public sealed class IssuerKeysAtStartTestsOnPostgreSql() : IssuerKeysAtStartTests(TestHost.PostgreSql);

/// <summary>
/// Verifiers pin an issuer's key before they meet its first paper: every enabled module's key is published from the
/// host's first start, the key published is the one that signs, and neither a restart nor a crowd of first
/// issuances makes a second one.
/// </summary>
public abstract class IssuerKeysAtStartTests(string engine)
{
    [SkippableFact]
    public async Task Issuers_json_publishes_every_enabled_module_key_before_any_certificate()
    {
        using var host = new TestHost(engine);
        var published = await Published(host);

        var enabled = host.Services.GetRequiredService<ModuleRegistry>().Enabled.Select(m => m.Manifest.Id).Order().ToList();
        Assert.Equal(ShippedModules.All.Count, enabled.Count);
        Assert.Equal(enabled, published.Issuers.Select(i => i.ModuleId).Order());
        Assert.All(published.Issuers, issuer => Assert.Null(Assert.Single(issuer.Keys).RetiredAt));

        // The key pinned ahead is the one that signs the first certificate.
        var pinned = published.Find("issyk-kul", published.Issuers.Single(i => i.ModuleId == "issyk-kul").Keys[0].Kid);
        var (serial, _) = await CertificateTestData.IssueAsync(host.AdminClient(), CertificateTestData.InsertCompatriot(host, "Алтынай Пинова"));
        var (payload, _) = CertificatePdfReader.Read(await host.AdminClient().GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
        Assert.Equal(pinned!.Kid, CertificatePayload.TryParse(payload)!.KeyId);
        Assert.Equal(JsonSerializer.Serialize(published), JsonSerializer.Serialize(await Published(host)));
    }

    [SkippableFact]
    public async Task Only_enabled_modules_get_keys_at_start_and_a_restart_adds_none()
    {
        IssuersDocument first;
        using (var host = new TestHost(engine))
        {
            host.Settings["Modules:Enabled:0"] = "naryn";
            host.Settings["Modules:Enabled:1"] = "talas";
            first = await Published(host);
            Assert.Equal(["naryn", "talas"], first.Issuers.Select(i => i.ModuleId).Order());

            // A second host on the same database and key ring, as after a restart or beside the first one.
            using var again = SecondHost.On(host);
            again.Settings["Modules:Enabled:0"] = "naryn";
            again.Settings["Modules:Enabled:1"] = "talas";
            Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(await Published(again)));
            Assert.Equal(2L, KeyRows(host));
        }
    }

    [SkippableFact]
    public async Task A_key_that_cannot_be_unsealed_is_replaced_at_start_so_the_published_active_key_signs()
    {
        // On PostgreSQL the key ring is a table of the same database (SharedKeyRingTests): a host on it cannot lose it.
        Skip.If(engine == TestHost.PostgreSql, "the Data Protection key ring lives in the database on PostgreSQL");
        using var host = new TestHost(engine);
        host.Settings["Modules:Enabled:0"] = "batken";
        var before = await Published(host);
        var lost = Assert.Single(Assert.Single(before.Issuers).Keys);

        // The same database started with a fresh Data Protection key ring (the keys folder was lost).
        using var moved = SecondHost.On(host);
        moved.Settings["DataProtection:KeysPath"] = Path.Combine(moved.Root, "other-keys");
        moved.Settings["Modules:Enabled:0"] = "batken";
        var keys = Assert.Single((await Published(moved)).Issuers).Keys;
        Assert.Equal(2, keys.Count);
        Assert.NotNull(keys.Single(k => k.Kid == lost.Kid).RetiredAt);
        var active = Assert.Single(keys, k => k.RetiredAt is null);
        using var signing = moved.Services.GetRequiredService<CertificateSigner>().ActiveKey("batken");
        Assert.Equal(active.Kid, signing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Parallel_first_uses_of_an_issuer_create_one_key()
    {
        using var host = new TestHost(engine);
        host.Settings["Modules:Enabled:0"] = "naryn";
        var signer = host.Services.GetRequiredService<CertificateSigner>();
        Assert.Equal(0L, KeyRows(host, "jalal-abad"));

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            using var key = signer.ActiveKey("jalal-abad");
            return key.Id;
        })));
        Assert.Single(ids.Distinct());
        Assert.Equal(1L, KeyRows(host, "jalal-abad"));
    }

    private static async Task<IssuersDocument> Published(TestHost host)
    {
        var json = await host.CreateClient().GetStringAsync("/.well-known/campaign-engine/issuers.json");
        return JsonSerializer.Deserialize<IssuersDocument>(json, JsonSerializerOptions.Web)!;
    }

    private static long KeyRows(TestHost host, string? moduleId = null)
    {
        using var connection = host.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM certificate_issuer_key WHERE @moduleId IS NULL OR module_id = @moduleId", new { moduleId });
    }
}
