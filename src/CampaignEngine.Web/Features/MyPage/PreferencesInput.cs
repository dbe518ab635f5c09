using System.Text.Json.Serialization;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// <c>POST /me/{token}/preferences</c> as JSON: what is left out stays as it is; <c>maxPerMonth</c> and
/// <c>pausedUntil</c> sent as null remove the cap or the pause. Unknown fields are refused by name (host-wide JSON options).
/// </summary>
internal sealed class PreferencesInput
{
    private int? _maxPerMonth;
    private string? _pausedUntil;

    public ChannelSwitches? Channels { get; set; }
    public List<string>? ChannelOrder { get; set; }
    public string? Language { get; set; }

    public int? MaxPerMonth
    {
        get => _maxPerMonth;
        set { _maxPerMonth = value; MaxPerMonthGiven = true; }
    }

    public string? PausedUntil
    {
        get => _pausedUntil;
        set { _pausedUntil = value; PausedUntilGiven = true; }
    }

    public List<string>? Sectors { get; set; }
    public string? HomeRegion { get; set; }
    public string? Country { get; set; }

    // Whether the body named the field at all: null there means "remove", absence means "keep".
    [JsonIgnore] public bool MaxPerMonthGiven { get; private set; }
    [JsonIgnore] public bool PausedUntilGiven { get; private set; }
}

/// <summary>Each channel on (true) or off (false); a channel left out stays as it is.</summary>
internal sealed class ChannelSwitches
{
    public bool? Email { get; set; }
    public bool? Whatsapp { get; set; }
    public bool? Telegram { get; set; }
    public bool? Sms { get; set; }

    public IEnumerable<KeyValuePair<string, bool>> Given()
    {
        if (Email is { } email) yield return new("email", email);
        if (Whatsapp is { } whatsapp) yield return new("whatsapp", whatsapp);
        if (Telegram is { } telegram) yield return new("telegram", telegram);
        if (Sms is { } sms) yield return new("sms", sms);
    }
}

/// <summary>
/// The same as a form (no script): the whole state at once. Ticked channels are on and the others off, the order comes
/// from one list per place (empty places ignored), an empty cap or pause removes it.
/// </summary>
internal sealed class PreferencesForm
{
    public List<string> Channels { get; set; } = [];
    public List<string> ChannelOrder { get; set; } = [];
    public string? Language { get; set; }
    public string? MaxPerMonth { get; set; }
    public string? PausedUntil { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? HomeRegion { get; set; }
    public string? Country { get; set; }
}
