namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>When to start: an instant for everyone, or a wall-clock time in each recipient's own time zone.</summary>
internal sealed record LaunchTime(DateTimeOffset? At, DateTime? LocalAt)
{
    public static readonly LaunchTime Now = new(null, null);

    /// <summary>The earliest moment the campaign may reach someone living in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone, DateTimeOffset now)
    {
        var start = LocalAt is { } local
            ? SendWindow.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone)
            : At ?? now;
        return start < now ? now : start;
    }
}
