using System.Data;
using System.Data.Common;
using CampaignEngine.Bench.Items;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Bench;

/// <summary>
/// One generous person for the personal page: pledges of every kind and state to a few appeals and projects, most with
/// payments (approved, some awaiting approval, a few rejected), some monthly and a few of those paused or stopped; and
/// the projects' updates, with photos and documents, over the last year. Written as the product leaves them.
/// </summary>
internal static class MyPageData
{
    public const int Projects = 4;
    public const int UpdatesPerProject = 30;
    private static readonly string[] Statuses = ["pledged", "confirmed", "partially_fulfilled", "fulfilled", "fulfilled", "cancelled", "written_off"];

    public static void Write(ProductHost host, long person, int pledges, int seed = 17)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var appeals = Enumerable.Range(1, 3).Select(i => Campaigns.Draft(host, $"Bench appeal {i}", new Segment()).Id).ToArray();
        // Plain Dapper on the host's engine: a few hundred rows, nothing a bulk path would speed up.
        using var connection = host.Open();
        // The person picker's index is no part of this page; without this the started host would spend its first minutes
        // indexing the generated million under the measurement.
        // A statement over the million: on PostgreSQL it outlasted Npgsql's 30 s in the full run of 2026-12-05.
        connection.Execute("UPDATE directory_compatriot SET search_version = @Version WHERE search_version IS NULL", new { SearchTerms.Version },
            commandTimeout: Db.BulkStatementSeconds);
        foreach (var appeal in appeals)
            connection.Execute("UPDATE campaign SET title_ky = 'Мектептин чатыры', title_ru = 'Крыша для школы', title_en = 'A school roof' WHERE id = @appeal", new { appeal });
        using var transaction = connection.BeginTransaction();
        var projects = Enumerable.Range(1, Projects).Select(i => connection.ExecuteScalar<long>("""
            INSERT INTO pledge_project (module_id, region, title_ky, title_ru, title_en, budget, currency, budget_usd, created_at)
            VALUES ('issyk-kul', 'KG-Y', @ky, @ru, @en, 50000, 'USD', 50000, @at) RETURNING id
            """, new { ky = $"Долбоор {i}", ru = $"Проект {i}", en = $"Project {i}", at = DeskData.At(now.AddYears(-2)) }, transaction)).ToArray();
        foreach (var project in projects) Updates(connection, transaction, random, project, now);
        for (var i = 0; i < pledges; i++) Pledge(connection, transaction, random, person, appeals[i % appeals.Length], projects[i % projects.Length], now.AddDays(-365 + i * 3));
        transaction.Commit();
        // Text, said so: Dapper takes a command of one word for a stored procedure (Npgsql would CALL it).
        connection.Execute("ANALYZE", commandTimeout: Db.BulkStatementSeconds, commandType: CommandType.Text);
    }

    private static void Updates(DbConnection connection, DbTransaction transaction, Random random, long project, DateTimeOffset now)
    {
        for (var u = 0; u < UpdatesPerProject; u++)
        {
            var at = DeskData.At(now.AddDays(-random.Next(365)));
            var update = connection.ExecuteScalar<long>("""
                INSERT INTO pledge_project_update (project_id, text, created_at) VALUES (@project, 'Шифер сатылып алынды, чатыр жабылып жатат', @at) RETURNING id
                """, new { project, at }, transaction);
            connection.Execute("""
                INSERT INTO pledge_project_file (project_id, update_id, stored_name, content_type, original_name, size, created_at)
                VALUES (@project, @update, @photo, 'image/jpeg', 'roof.jpg', @photoSize, @at),
                       (@project, @update, @document, 'application/pdf', 'smeta.pdf', 48000, @at)
                """, new { project, update, photo = Guid.NewGuid().ToString("N") + ".jpg", document = Guid.NewGuid().ToString("N") + ".pdf",
                    photoSize = random.Next(40_000, 2_000_000), at }, transaction);
        }
    }

    private static void Pledge(DbConnection connection, DbTransaction transaction, Random random, long person, long appeal, long project, DateTimeOffset at)
    {
        var kind = random.Next(10) switch { < 6 => "money", < 9 => "time", _ => "in_kind" };
        var status = Statuses[random.Next(Statuses.Length)];
        var monthly = kind != "in_kind" && random.Next(5) == 0;
        var standing = monthly ? random.Next(4) switch { 0 => "paused", 1 => "stopped", _ => null } : null;
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO pledge (compatriot_id, campaign_id, project_id, kind, contribution_type, amount, currency, amount_usd, hours, description,
                status, recorded_by, gender, age_band, home_region, country, created_at, recurring, standing, standing_by, standing_at)
            VALUES (@person, @appeal, @project, @kind, @type, @amount, @currency, @usd, @hours, @description,
                @status, 'self', 'male', '35-44', 'KG-Y', 'RU', @at, @recurring, @standing, @by, @at)
            RETURNING id
            """, new
        {
            person, appeal, project, kind, type = kind == "time" ? "training" : null, amount = kind == "money" ? 5000 : (int?)null,
            currency = kind == "money" ? "RUB" : null, usd = kind == "money" ? 62.5m : (decimal?)null, hours = kind == "time" ? 6 : (int?)null,
            description = kind == "in_kind" ? "Парталар" : null, status, at = DeskData.At(at), recurring = monthly ? "monthly" : null,
            standing, by = standing is null ? null : "self",
        }, transaction);
        var payments = status is "partially_fulfilled" or "fulfilled" ? 1 + random.Next(3) : random.Next(2);
        for (var f = 0; f < payments; f++)
            connection.Execute("""
                INSERT INTO pledge_fulfilment (pledge_id, amount, currency, amount_usd, hours, evidence, status, recorded_by, recorded_at)
                VALUES (@id, @amount, @currency, @usd, @hours, @evidence, @state, 1, @at)
                """, new
            {
                id, amount = kind == "money" ? 2000 : (int?)null, currency = kind == "money" ? "RUB" : null, usd = kind == "money" ? 25m : (decimal?)null,
                hours = kind == "time" ? 2 : (int?)null, evidence = $"Sberbank {random.Next(1000, 9999)}",
                state = random.Next(6) switch { 0 => "awaiting_approval", 1 => "rejected", _ => "approved" }, at = DeskData.At(at.AddDays(f + 1)),
            }, transaction);
    }
}
