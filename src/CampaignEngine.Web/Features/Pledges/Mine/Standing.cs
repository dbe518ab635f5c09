using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>What the person may do with one of their monthly pledges from their own page.</summary>
internal enum SteerAction { Pause, Resume, Stop }

internal enum SteerResult { Changed, Unchanged, NotFound, Refused }

/// <param name="RefusalKey">Why a refused change is not allowed, as a text key.</param>
internal sealed record SteerOutcome(SteerResult Result, PledgeRow? Pledge = null, string? RefusalKey = null);

/// <summary>
/// A standing (monthly) pledge steered by its maker: paused (no reminder until resumed), resumed, or stopped for good
/// (the standing pledge ends; what arrived still counts, so the status stays as it is). Each change is recorded on the
/// pledge with source "self" and the time, and audited. Asking for the state a pledge already has answers the same and
/// changes nothing, with no second audit row: a double tap or a retried request is not a second act.
/// </summary>
internal sealed class Standing(Db db, AuditLog audit, TimeProvider clock)
{
    public const string Paused = "paused";
    public const string Stopped = "stopped";
    public const string Running = "running";

    /// <summary>How a pledge stands as the person, the staff pages and the API say it: running, paused or stopped.</summary>
    public static string StateOf(PledgeRow pledge) => pledge.Standing ?? Running;

    /// <summary>Whether the person can still steer it: a monthly pledge not closed by staff.</summary>
    public static bool IsSteerable(PledgeRow pledge) =>
        pledge.Recurring == "monthly" && pledge.Status is not ("cancelled" or "written_off" or "fulfilled");

    public SteerOutcome Steer(long compatriotId, long pledgeId, SteerAction action)
    {
        using var connection = db.Open();
        // Only the person's own pledge: any other id is answered as one that does not exist.
        var pledge = connection.QuerySingleOrDefault<PledgeRow>(
            $"SELECT {PledgeStore.Columns} FROM pledge p WHERE p.id = @pledgeId AND p.compatriot_id = @compatriotId", new { pledgeId, compatriotId });
        if (pledge is null) return new(SteerResult.NotFound);
        var target = action switch { SteerAction.Pause => Paused, SteerAction.Stop => Stopped, _ => null };
        if (pledge.Recurring != "monthly") return new(SteerResult.Refused, pledge, "mine.refused.notMonthly");
        if (!IsSteerable(pledge)) return new(SteerResult.Refused, pledge, "mine.refused.closed");
        if (pledge.Standing == target) return new(SteerResult.Unchanged, pledge);
        if (pledge.Standing == Stopped) return new(SteerResult.Refused, pledge, "mine.refused.stopped");
        var now = clock.GetUtcNow();
        // Changed only from the state just read: of two taps at once, the second sees the first's result and is judged on it.
        var changed = connection.Execute("""
            UPDATE pledge SET standing = @target, standing_by = 'self', standing_at = @now, updated_at = @now
            WHERE id = @pledgeId AND standing IS NOT DISTINCT FROM @current
            """, new { target, now, pledgeId, current = pledge.Standing });
        if (changed == 0) return Steer(compatriotId, pledgeId, action);
        audit.Append(null, "anonymous", "me.pledge." + action.ToString().ToLowerInvariant(), $"pledge/{pledgeId}", null);
        return new(SteerResult.Changed, pledge with { Standing = target, StandingBy = "self", StandingAt = now });
    }
}
