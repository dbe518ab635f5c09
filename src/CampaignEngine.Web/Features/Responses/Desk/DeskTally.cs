using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Adds groups of threads up into the desk's figures, per module and per assignee, in all and per gender, in one pass,
/// with an exact median wait (to the minute) for each figure.
/// <para>
/// 90 days of a busy desk are some 57,000 stored groups carrying 150,000 (group, minute) waits, each counted in up to
/// four figures. Keeping every figure's waits in a dictionary and sorting its keys for the median cost most of 0.2 s.
/// Here each wait is written once, in the order read, and each figure keeps only how many threads waited in each hour;
/// the median is then found in two steps: the hours hold the middle ranks, and only the waits of those one or two hours
/// are sorted (a handful per figure), in one more pass over the stored waits.
/// </para>
/// <para>
/// The loops are compiled optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): the figures are
/// asked for a few times a day, too seldom for the runtime's tiering to optimise them, and unoptimised they took twice
/// as long.
/// </para>
/// </summary>
internal sealed class DeskTally
{
    private readonly Dictionary<string, KeyFigures> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<long, KeyFigures> _assignees = [];

    // Every wait as read: the figures it counts in (four slots per group, null where a group has no gender figure), its
    // minute and its threads.
    private readonly List<Tally?> _groupFigures = [];
    private readonly List<Wait> _waits = [];

    private readonly record struct Wait(int Group, int Minutes, long Threads);

    /// <summary>
    /// A group as <see cref="PackedRow"/> reads it: module, assignee, gender, received, answered, within the SLA and the
    /// waits, separated by tabs; the waits a JSON object of minutes → threads, as SQLite's json functions write it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> row)
    {
        var module = Field(ref row);
        var assigneeId = ReadNumber(Field(ref row));
        var gender = Field(ref row);
        var received = ReadNumber(Field(ref row));
        var answered = ReadNumber(Field(ref row));
        var withinSla = ReadNumber(Field(ref row));
        var group = Aim(ModuleFigures(module), Figures(_assignees, assigneeId), GenderIndex(gender), received, answered, withinSla);
        // Hand-read rather than through a JSON reader: the text is ours (written by the triggers, {"minutes":threads,…},
        // numbers never negative), and this loop is much of the figures' cost.
        var at = 0;
        for (var minutes = ReadNumber(row, ref at); minutes >= 0; minutes = ReadNumber(row, ref at))
            AddWait(group, (int)minutes, ReadNumber(row, ref at));
    }

    /// <summary>
    /// The SQL that packs a kept row of <paramref name="alias"/> into one text for <see cref="Add(ReadOnlySpan{char})"/>:
    /// one column read per row rather than seven, which is a third of the cost of reading them.
    /// </summary>
    public static string PackedRow(string alias) =>
        $"{alias}.module_id || char(9) || {alias}.assignee_id || char(9) || {alias}.gender || char(9) || {alias}.received || char(9) || "
        + $"{alias}.answered || char(9) || {alias}.within_sla || char(9) || {alias}.waits";

    /// <summary>A group whose threads all waited the same <paramref name="wait"/> minutes (−1: none was answered).</summary>
    public void Add(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla, int wait)
    {
        var group = Aim(ModuleFigures(moduleId), Figures(_assignees, assigneeId), GenderIndex(gender), received, answered, withinSla);
        if (wait >= 0) AddWait(group, wait, answered);
    }

    public IEnumerable<DeskStatsGroup<string>> Modules => Finished(_modules).Select(m => m.Value.Group(m.Key));

    /// <summary>Keyed by the assignee's user id; null for threads nobody was assigned.</summary>
    public IEnumerable<DeskStatsGroup<long?>> Assignees => Finished(_assignees).Select(a => a.Value.Group(a.Key == 0 ? (long?)null : a.Key));

    public IEnumerable<long> AssigneeIds => _assignees.Keys.Where(id => id != 0);

    /// <summary>Counts the group in the four figures it belongs to, and keeps them for its waits; the group's number.</summary>
    private int Aim(KeyFigures module, KeyFigures assignee, int genderIndex, long received, long answered, long withinSla)
    {
        var group = _groupFigures.Count / 4;
        foreach (var tally in (ReadOnlySpan<Tally?>)[module.Total, assignee.Total, genderIndex < 0 ? null : module.ByGender[genderIndex], genderIndex < 0 ? null : assignee.ByGender[genderIndex]])
        {
            tally?.Count(received, answered, withinSla);
            _groupFigures.Add(tally);
        }
        return group;
    }

    private KeyFigures ModuleFigures(ReadOnlySpan<char> moduleId)
    {
        var modules = _modules.GetAlternateLookup<ReadOnlySpan<char>>();
        if (modules.TryGetValue(moduleId, out var figures)) return figures;
        return modules[moduleId] = new KeyFigures();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddWait(int group, int minutes, long threads)
    {
        _waits.Add(new Wait(group, minutes, threads));
        foreach (var tally in CollectionsMarshal.AsSpan(_groupFigures).Slice(group * 4, 4)) tally?.CountHour(minutes, threads);
    }

    /// <summary>The figures, once every figure has its exact middle waits: one pass handing each wait to the figures whose middle hour holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IEnumerable<KeyValuePair<TKey, KeyFigures>> Finished<TKey>(Dictionary<TKey, KeyFigures> figures) where TKey : notnull
    {
        if (_waits.Count > 0)
        {
            foreach (var wait in CollectionsMarshal.AsSpan(_waits))
                foreach (var tally in CollectionsMarshal.AsSpan(_groupFigures).Slice(wait.Group * 4, 4)) tally?.Offer(wait.Minutes, wait.Threads);
            _waits.Clear();
        }
        return figures;
    }

    private static KeyFigures Figures<TKey>(Dictionary<TKey, KeyFigures> figures, TKey key) where TKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(figures, key, out _);
        return slot ??= new KeyFigures();
    }

    private static int GenderIndex(ReadOnlySpan<char> gender)
    {
        for (var i = 0; i < Vocabulary.Genders.Count; i++)
            if (gender.SequenceEqual(Vocabulary.Genders[i])) return i;
        return -1;
    }

    /// <summary>The text up to the next tab, which <paramref name="row"/> then starts after.</summary>
    private static ReadOnlySpan<char> Field(ref ReadOnlySpan<char> row)
    {
        var tab = row.IndexOf('\t');
        var field = row[..tab];
        row = row[(tab + 1)..];
        return field;
    }

    private static long ReadNumber(ReadOnlySpan<char> text)
    {
        var at = 0;
        return ReadNumber(text, ref at);
    }

    /// <summary>The next run of digits from <paramref name="at"/> on, as a number; −1 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Counts added up, and the waits as threads per hour; once offered every wait, the waits of the hours that hold the
    /// middle ranks, from which the median is exact.
    /// </summary>
    private sealed class Tally
    {
        private long[] _hours = new long[128];
        private List<(int Minutes, long Threads)>? _middle;
        private long _received, _answered, _withinSla, _waited;
        private int _lowerHour = -1, _upperHour = -1;

        public void Count(long received, long answered, long withinSla) =>
            (_received, _answered, _withinSla) = (_received + received, _answered + answered, _withinSla + withinSla);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void CountHour(int minutes, long threads)
        {
            var hour = minutes / 60;
            if (hour >= _hours.Length) Array.Resize(ref _hours, Math.Max(hour + 1, _hours.Length * 2));
            _hours[hour] += threads;
            _waited += threads;
        }

        /// <summary>Keeps the wait if its hour holds one of the middle ranks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Offer(int minutes, long threads)
        {
            if (_middle is null) FindMiddleHours();
            var hour = minutes / 60;
            if (hour == _lowerHour || hour == _upperHour) _middle!.Add((minutes, threads));
        }

        public DeskFigures Figures() =>
            new(_received, _answered, MedianHours(), _received == 0 ? 0 : Math.Round((double)_withinSla / _received, 3));

        private (long Lower, long Upper) MiddleRanks => ((_waited - 1) / 2, _waited / 2);

        private void FindMiddleHours()
        {
            _middle = [];
            var (lower, upper) = MiddleRanks;
            long seen = 0;
            for (var hour = 0; hour < _hours.Length && _upperHour < 0; hour++)
            {
                seen += _hours[hour];
                if (_lowerHour < 0 && seen > lower) _lowerHour = hour;
                if (seen > upper) _upperHour = hour;
            }
        }

        /// <summary>The middle wait (the mean of the two middle ones for an even count), in hours to a tenth.</summary>
        private double? MedianHours()
        {
            if (_waited == 0) return null;
            if (_middle is null) throw new InvalidOperationException("The figure's waits were not offered.");
            _middle.Sort();
            var (lower, upper) = MiddleRanks;
            long seen = 0;
            for (var hour = 0; hour < _lowerHour; hour++) seen += _hours[hour];
            int? low = null;
            foreach (var (minutes, threads) in _middle)
            {
                seen += threads;
                if (low is null && seen > lower) low = minutes;
                if (seen > upper) return Math.Round((low!.Value + minutes) / 2.0 / 60, 1);
            }
            throw new InvalidOperationException("The histogram holds fewer waits than it counted.");
        }
    }
}
