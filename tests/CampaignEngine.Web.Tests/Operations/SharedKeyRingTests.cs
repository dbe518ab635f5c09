using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>Two hosts on one PostgreSQL database share the key ring kept in it (ADR 0012).</summary>
public sealed class SharedKeyRingTests
{
    [SkippableFact]
    public void What_one_host_protects_the_other_opens_with_the_keys_from_the_database()
    {
        using var first = new TestHost(TestHost.PostgreSql);
        using var second = new TestHost(TestHost.PostgreSql) { Settings = { ["ConnectionStrings:CampaignEngine"] = first.ConnectionString } };
        _ = first.Server;
        // The purpose the sign-in cookie uses: a ticket sealed by one host is read by the other.
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        var sealedOnFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("signed-in");
        _ = second.Server;

        var opened = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(sealedOnFirst);

        Assert.Equal("signed-in", opened);
        using var connection = first.OpenDatabase();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM data_protection_key"));
        Assert.False(Directory.Exists(Path.Combine(first.Root, "keys")), "no key files on disk beside a PostgreSQL host");
    }
}
