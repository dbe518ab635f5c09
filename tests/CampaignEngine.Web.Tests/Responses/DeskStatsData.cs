using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>A clock standing still, so a test's "last 90 days" are known days.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public static Action<IWebHostBuilder> At(DateTimeOffset now) =>
        builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new StoppedClock(now)));
}

/// <summary>
/// A thread written straight into the test database as the intake and the staff actions leave it, with the snapshot of
/// the person, for tests of the figures rather than of the intake; migration 0033's triggers count it as for any write.
/// </summary>
internal sealed record DeskThread(string ModuleId, string Gender, DateTimeOffset ReceivedAt, int? AnsweredAfterMinutes = null, double DueAfterHours = 24 * 14)
{
    public string? HomeRegion { get; init; }
    public long? CompatriotId { get; init; }
    public long? AssigneeId { get; init; }
    public long? OrganizationId { get; init; }
    public string Text { get; init; } = "A question";
    public string? UnknownSender { get; init; }
}

internal static class DeskStatsData
{
    public static long Insert(TestHost host, DeskThread t)
    {
        _ = host.Server;
        using var connection = host.OpenDatabase();
        return Insert(connection, t);
    }

    public static long Insert(System.Data.Common.DbConnection connection, DeskThread t)
    {
        var due = t.ReceivedAt.AddHours(t.DueAfterHours);
        DateTimeOffset? answered = t.AnsweredAfterMinutes is { } m ? t.ReceivedAt.AddMinutes(m) : null;
        return connection.ExecuteScalar<long>("""
            INSERT INTO response_thread (compatriot_id, unknown_sender, module_id, channel, addressed_to, organization_id, language, state, assignee_id,
                received_at, last_in_at, due_at, first_due_at, first_answered_at, last_answered_at, last_message, gender, home_region)
            VALUES (@CompatriotId, @sender, @ModuleId, 'whatsapp', @addressed, @OrganizationId, 'ky', @state, @AssigneeId,
                @received, @received, @waiting, @due, @answered, @answered, @Text, @Gender, @HomeRegion)
            RETURNING id
            """, new
        {
            t.CompatriotId, sender = t.CompatriotId is null ? t.UnknownSender ?? "+99655500000" : null, t.ModuleId,
            addressed = t.OrganizationId is null ? "administration" : "organisation", t.OrganizationId, t.AssigneeId,
            state = answered is null ? t.AssigneeId is null ? "new" : "assigned" : "answered",
            received = Utc(t.ReceivedAt), waiting = answered is null ? Utc(due) : null, due = Utc(due), answered = answered is { } a ? Utc(a) : null,
            t.Text, t.Gender, t.HomeRegion,
        });
    }

    /// <summary>As the product stores times (DapperSetup.UtcFormat).</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
