using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CampaignEngine.Web.Infrastructure.Metrics;

/// <summary>
/// The product meter's instruments in Prometheus' text format (version 0.0.4): counters are summed here as they are
/// added to, per set of tags; observable gauges are read at each scrape (their callbacks ask the database then).
/// Hand-written because the one exporter that restores here is a beta; the format is a few lines.
/// </summary>
internal sealed class PrometheusExposition : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, byte> _instruments = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), double> _sums = new();
    private readonly Lock _scraping = new();
    private Dictionary<(Instrument Instrument, string Labels), double>? _observed;

    public PrometheusExposition(ProductMeter meter, IEnumerable<IMetricSource> sources)
    {
        // Made before listening: each source creates its instruments in its constructor.
        _ = sources.ToList();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, meter.Meter)) return;
            _instruments[instrument] = 0;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.Start();
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument, Labels(tags));
        if (instrument.IsObservable)
        {
            // Only during a scrape, under its lock: the observed values of that scrape.
            if (_observed is { } observed) observed[key] = value;
            return;
        }
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
    }

    /// <summary>Every instrument with its help line and type, and each of its series.</summary>
    public string Scrape()
    {
        lock (_scraping)
        {
            _observed = [];
            try
            {
                _listener.RecordObservableInstruments();
                var text = new StringBuilder();
                foreach (var instrument in _instruments.Keys.OrderBy(i => i.Name, StringComparer.Ordinal))
                    Write(text, instrument, instrument.IsObservable ? _observed : _sums);
                return text.ToString();
            }
            finally
            {
                _observed = null;
            }
        }
    }

    private static void Write(StringBuilder text, Instrument instrument, IEnumerable<KeyValuePair<(Instrument Instrument, string Labels), double>> values)
    {
        var counter = !instrument.IsObservable;
        var name = instrument.Name.Replace('.', '_').Replace('-', '_') + (counter ? "_total" : "");
        text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description?.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(counter ? " counter\n" : " gauge\n");
        foreach (var (key, value) in values.Where(v => v.Key.Instrument == instrument).OrderBy(v => v.Key.Labels, StringComparer.Ordinal))
            text.Append(name).Append(key.Labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary><c>{a="x",b="y"}</c>, sorted by name, values escaped as the format asks; empty without tags.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var pairs = new List<KeyValuePair<string, object?>>(tags.ToArray());
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 1) text.Append(',');
            var escaped = Convert.ToString(value, CultureInfo.InvariantCulture)?
                .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            text.Append(key).Append("=\"").Append(escaped).Append('"');
        }
        return text.Append('}').ToString();
    }

    public void Dispose() => _listener.Dispose();
}
