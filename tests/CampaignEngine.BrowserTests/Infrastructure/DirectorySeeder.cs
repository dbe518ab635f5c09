using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// Puts the test people into the host's directory. The import API (POST /api/compatriots/import) does not
/// exist in this tree yet, so rows go straight into SQLite; once it does, only this class changes.
/// </summary>
internal static class DirectorySeeder
{
    public static void Seed(HostProcess host, IEnumerable<SeedCompatriot> people)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        foreach (var p in people)
        {
            connection.Execute("""
                INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                    phone, email, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
                VALUES (@externalId, @FullName, @Gender, 1990, @HomeRegion, @Country, @TimeZone, @Language,
                    @Phone, @Email, @whatsapp, 0, @sms, @email, @now, @now)
                """, new
            {
                externalId = "browser-" + Guid.NewGuid().ToString("N"), p.FullName, p.Gender, p.HomeRegion, p.Country, p.TimeZone, p.Language,
                p.Phone, p.Email, whatsapp = p.Channel == "whatsapp", sms = p.Channel == "sms", email = p.Channel == "email", now,
            }, transaction);
        }
        transaction.Commit();
    }
}
