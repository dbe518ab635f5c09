using System.Text.Json;

namespace CampaignEngine.Web.Features.Campaigns;

internal sealed record CampaignRow
{
    public long Id { get; init; }
    public string ModuleId { get; init; } = null!;
    public string Name { get; init; } = null!;
    public string Template { get; init; } = null!;
    public string SegmentJson { get; init; } = null!;
    public string Channels { get; init; } = null!;
    public string WindowFrom { get; init; } = "00:00";
    public string WindowTo { get; init; } = "24:00";
    public string QuietDates { get; init; } = "";
    public string Status { get; init; } = null!;
    public DateTimeOffset? LaunchAt { get; init; }
    public DateTimeOffset? LaunchedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>"appeal" for the officers' campaigns; a system purpose (certificate delivery, pledge reminders) otherwise.</summary>
    public string Purpose { get; init; } = "appeal";
    public string? TitleKy { get; init; }
    public string? TitleRu { get; init; }
    public string? TitleEn { get; init; }

    /// <summary>What readers see as the campaign's title, apart from <see cref="Name"/>, which only staff see.</summary>
    public CampaignTitle Title => new(Name, TitleKy, TitleRu, TitleEn);

    /// <summary>System campaigns write their messages one by one for chosen people; their segment describes nobody.</summary>
    public bool IsAppeal => Purpose == "appeal";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Segment Segment => JsonSerializer.Deserialize<Segment>(SegmentJson, Json) ?? Segment.Everyone;
    public IReadOnlyList<string> ChannelList => Channels.Split(';', StringSplitOptions.RemoveEmptyEntries);
    public bool IsDraft => Status == CampaignStatus.Draft;
    public IReadOnlyList<string> QuietDateList => QuietDates.Split(';', StringSplitOptions.RemoveEmptyEntries);
    public SendWindow Window => SendWindow.TryParse(WindowFrom, WindowTo, QuietDateList, out _) ?? SendWindow.AllDay;

    public static string ToJson(Segment segment) => JsonSerializer.Serialize(segment, Json);
}

internal static class CampaignStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// What an officer asks for when creating or refining a campaign. <see cref="ProjectIds"/>: the projects the campaign
/// asks for, of its own module (any, for a national one); its links may pledge to these only. <see cref="PublicTitle"/>:
/// what readers see instead of <see cref="Name"/>; null keeps the titles the campaign has. <see cref="AudiencePreset"/>:
/// one of the module's presets in place of <see cref="Segment"/> (not beside it).
/// </summary>
internal sealed record CampaignRequest(
    string? ModuleId, string? Name, string? Template, Segment? Segment, string[]? Channels,
    WindowRequest? Window = null, string[]? QuietDates = null, long[]? ProjectIds = null, PublicTitleRequest? PublicTitle = null,
    string? AudiencePreset = null);

/// <summary>Local send window bounds, "HH:mm" in each recipient's own time zone.</summary>
internal sealed record WindowRequest(string? From, string? To);
