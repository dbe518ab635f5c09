using System.Globalization;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// When a message may go out in the recipient's own time: between <see cref="From"/> and
/// <see cref="To"/> local time, never on a quiet date (Nooruz, Orozo Ait, Kurman Ait…). Russia alone
/// spans eleven zones, so "10:00" must be each person's 10:00, not Bishkek's.
/// </summary>
internal sealed record SendWindow(TimeOnly From, TimeOnly To, IReadOnlySet<DateOnly> QuietDates)
{
    /// <summary>
    /// No restriction: what an API caller gets without a window, so that "launch now" sends now. The pages
    /// suggest 10:00–20:00 instead, and the officer sees it before launching.
    /// </summary>
    public static readonly SendWindow AllDay = new(TimeOnly.MinValue, TimeOnly.MaxValue, new HashSet<DateOnly>());

    public static readonly SendWindow Suggested = new(new TimeOnly(10, 0), new TimeOnly(20, 0), new HashSet<DateOnly>());

    /// <summary>The campaign's module's own quiet days (a manifest's <c>quietDates</c>), kept on top of <see cref="QuietDates"/>.</summary>
    public IReadOnlyList<Core.Modules.QuietDate> ModuleQuietDates { get; init; } = [];

    /// <summary>Whether nothing goes out on <paramref name="date"/>: a quiet date of the campaign or of its module.</summary>
    public bool IsQuiet(DateOnly date) => QuietDates.Contains(date) || ModuleQuietDates.Any(q => q.Covers(date));

    /// <summary>Parses "HH:mm" bounds; null with a reason when they are not valid.</summary>
    public static SendWindow? TryParse(string? from, string? to, IEnumerable<string>? quietDates, out string? error)
    {
        var problems = Problems(from, to, quietDates);
        error = problems.Count == 0 ? null : $"{problems[0].Field}: {problems[0].Message}";
        return problems.Count > 0 ? null : new SendWindow(
            TimeOnly.ParseExact(from ?? "00:00", "HH:mm", CultureInfo.InvariantCulture),
            ParseEnd(to ?? "24:00"),
            (quietDates ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet());
    }

    /// <summary>Every fault of a window at once (both bounds and each quiet date), so a form can mark them all.</summary>
    public static IReadOnlyList<FieldError> Problems(string? from, string? to, IEnumerable<string>? quietDates)
    {
        var problems = new List<FieldError>();
        var startOk = TimeOnly.TryParseExact(from ?? "00:00", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start);
        var endOk = TryParseEnd(to ?? "24:00", out var end);
        if (!startOk) problems.Add(new("window.from", $"'{from}' is not a time of day; use HH:mm, e.g. 10:00."));
        if (!endOk) problems.Add(new("window.to", $"'{to}' is not a time of day; use HH:mm, e.g. 20:00 (24:00 for the end of the day)."));
        if (startOk && endOk && end <= start) problems.Add(new("window.to", "The window must end after it starts on the same day."));
        var badDates = (quietDates ?? []).Where(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).ToList();
        if (badDates.Count > 0)
            problems.Add(new("quietDates", $"{string.Join(", ", badDates.Select(d => $"'{d}'"))} {(badDates.Count == 1 ? "is not a date" : "are not dates")}; use yyyy-MM-dd, e.g. 2027-03-21."));
        return problems;
    }

    private static TimeOnly ParseEnd(string text) => TryParseEnd(text, out var end) ? end : throw new FormatException(text);

    /// <summary>The window's end as written back to people ("24:00" for the end of the day).</summary>
    public static string Format(TimeOnly time) => time == TimeOnly.MaxValue ? "24:00" : time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static bool TryParseEnd(string text, out TimeOnly end)
    {
        if (text == "24:00") { end = TimeOnly.MaxValue; return true; }
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end);
    }

    /// <summary>
    /// The first instant at or after <paramref name="earliest"/> that falls inside the window in
    /// <paramref name="zone"/> on a day that is not quiet.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset earliest, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(earliest, zone);
        // A year of quiet dates cannot block more than a year; the bound keeps a bad list from looping forever.
        for (var day = 0; day < 400; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (IsQuiet(date)) continue;
            var opens = At(date, From, zone);
            var closes = At(date, To, zone);
            if (earliest < opens) return opens;
            if (earliest < closes) return earliest;
        }
        throw new InvalidOperationException("No sending day in the next 400 days: check the quiet dates.");
    }

    /// <summary>The instant of a local wall-clock time; a time skipped by a daylight-saving jump moves to the first valid minute.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(1);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
