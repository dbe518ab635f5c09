using System.Runtime.InteropServices;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Adds groups of threads up into the desk's figures, per module and per assignee, in all and per gender, in one pass:
/// each group's counts and the histogram of its waits (minutes to the first answer → threads), from which the median
/// is exact. 90 days of a million threads are some 57,000 stored groups with 170,000 histogram entries; a pass that
/// allocates per entry or sorts per figure cost 0.4 s where this costs a few tens of milliseconds.
/// </summary>
internal sealed class DeskTally
{
    private readonly Dictionary<string, KeyFigures> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<long, KeyFigures> _assignees = [];
    private readonly Tally?[] _hit = new Tally?[4];
    private int _hits;

    /// <summary>A group with its waits as stored: a JSON object of minutes → threads, as SQLite's json functions write it.</summary>
    public void Add(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla, ReadOnlySpan<char> waits)
    {
        Aim(moduleId, assigneeId, gender, received, answered, withinSla);
        // Hand-read rather than through a JSON reader: the text is ours (written by the triggers, {"minutes":threads,…},
        // numbers never negative), and this loop is the whole cost of the figures.
        var at = 0;
        for (var minutes = ReadNumber(waits, ref at); minutes >= 0; minutes = ReadNumber(waits, ref at))
            AddWait((int)minutes, ReadNumber(waits, ref at));
    }

    /// <summary>A group whose threads all waited the same <paramref name="wait"/> minutes (−1: none was answered).</summary>
    public void Add(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla, int wait)
    {
        Aim(moduleId, assigneeId, gender, received, answered, withinSla);
        if (wait >= 0) AddWait(wait, answered);
    }

    public IEnumerable<DeskStatsGroup<string>> Modules => _modules.Select(m => m.Value.Group(m.Key));

    /// <summary>Keyed by the assignee's user id; null for threads nobody was assigned.</summary>
    public IEnumerable<DeskStatsGroup<long?>> Assignees => _assignees.Select(a => a.Value.Group(a.Key == 0 ? (long?)null : a.Key));

    public IEnumerable<long> AssigneeIds => _assignees.Keys.Where(id => id != 0);

    /// <summary>Counts the group in the four figures it belongs to, and keeps them for its waits.</summary>
    private void Aim(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla)
    {
        var module = Figures(_modules, moduleId);
        var assignee = Figures(_assignees, assigneeId);
        var genderIndex = GenderIndex(gender);
        _hits = 0;
        foreach (var tally in (ReadOnlySpan<Tally?>)[module.Total, assignee.Total, genderIndex < 0 ? null : module.ByGender[genderIndex], genderIndex < 0 ? null : assignee.ByGender[genderIndex]])
        {
            if (tally is null) continue;
            tally.Count(received, answered, withinSla);
            _hit[_hits++] = tally;
        }
    }

    private void AddWait(int minutes, long threads)
    {
        for (var i = 0; i < _hits; i++) _hit[i]!.Wait(minutes, threads);
    }

    private static KeyFigures Figures<TKey>(Dictionary<TKey, KeyFigures> figures, TKey key) where TKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(figures, key, out _);
        return slot ??= new KeyFigures();
    }

    private static int GenderIndex(string gender)
    {
        for (var i = 0; i < Vocabulary.Genders.Count; i++)
            if (string.Equals(Vocabulary.Genders[i], gender, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>The next run of digits from <paramref name="at"/> on, as a number; −1 when there is none.</summary>
    private static long ReadNumber(ReadOnlySpan<char> text, ref int at)
    {
        while (at < text.Length && !char.IsAsciiDigit(text[at])) at++;
        if (at == text.Length) return -1;
        long value = 0;
        for (; at < text.Length && char.IsAsciiDigit(text[at]); at++) value = (value * 10) + (text[at] - '0');
        return value;
    }

    /// <summary>One module's or assignee's figures: in all, and per gender of <see cref="Vocabulary.Genders"/>.</summary>
    private sealed class KeyFigures
    {
        public Tally Total { get; } = new();
        public Tally[] ByGender { get; } = [.. Vocabulary.Genders.Select(_ => new Tally())];

        public DeskStatsGroup<TKey> Group<TKey>(TKey key) =>
            new(key, Total.Figures(), Vocabulary.Genders.Select((gender, i) => (gender, i)).ToDictionary(g => g.gender, g => ByGender[g.i].Figures(), StringComparer.Ordinal));
    }

    /// <summary>Counts added up, and the waits kept as a histogram of minutes, from which the median is exact.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<int, long> _waits = [];
        private long _received, _answered, _withinSla, _waited;

        public void Count(long received, long answered, long withinSla) =>
            (_received, _answered, _withinSla) = (_received + received, _answered + answered, _withinSla + withinSla);

        public void Wait(int minutes, long threads)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_waits, minutes, out _) += threads;
            _waited += threads;
        }

        public DeskFigures Figures() =>
            new(_received, _answered, MedianHours(), _received == 0 ? 0 : Math.Round((double)_withinSla / _received, 3));

        /// <summary>The middle wait (the mean of the two middle ones for an even count), in hours to a tenth.</summary>
        private double? MedianHours()
        {
            if (_waited == 0) return null;
            var minutes = _waits.Keys.ToArray();
            Array.Sort(minutes);
            var (lower, upper) = ((_waited - 1) / 2, _waited / 2);
            int? low = null;
            long seen = 0;
            foreach (var minute in minutes)
            {
                seen += _waits[minute];
                if (low is null && seen > lower) low = minute;
                if (seen > upper) return Math.Round((low!.Value + minute) / 2.0 / 60, 1);
            }
            throw new InvalidOperationException("The histogram holds fewer waits than it counted.");
        }
    }
}
