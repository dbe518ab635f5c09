using System.Globalization;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class StaffTimesTestsOnSqlite() : StaffTimesTests(TestHost.Sqlite);

public sealed class StaffTimesTestsOnPostgreSql() : StaffTimesTests(TestHost.PostgreSql);

/// <summary>Staff read times in Bishkek time (UTC+6), on the audit log too, and its filter is read in that time.</summary>
public abstract class StaffTimesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_audit_log_shows_Bishkek_time_and_its_filter_reads_Bishkek_time()
    {
        var admin = await Security.Users.SignInAsync(_host, "times-admin", "admin");
        string at;
        using (var connection = _host.OpenDatabase())
            at = connection.ExecuteScalar<string>("SELECT at FROM audit_log WHERE action = 'sign-in' ORDER BY id DESC LIMIT 1")!;
        var stored = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var bishkek = stored.ToOffset(TimeSpan.FromHours(6));
        string Local(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        var page = await admin.GetStringAsync("/audit?lang=ru");

        Assert.Contains($">{bishkek.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</time>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), StripAttributes(page), StringComparison.Ordinal);
        Assert.DoesNotContain(">вход в систему<", await admin.GetStringAsync($"/audit?from={Local(bishkek.AddMinutes(1))}"), StringComparison.Ordinal);
        Assert.Contains(">вход в систему<", await admin.GetStringAsync($"/audit?from={Local(bishkek.AddMinutes(-1))}&to={Local(bishkek.AddMinutes(2))}"), StringComparison.Ordinal);
        Assert.Contains($"value=\"{bishkek.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)}\"", await admin.GetStringAsync($"/audit?from={Local(bishkek.AddMinutes(-1))}"), StringComparison.Ordinal);
    }

    private static string StripAttributes(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ");

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
