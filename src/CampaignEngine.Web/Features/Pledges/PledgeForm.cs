using System.Globalization;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>A refusal beside one field of a page's form: the field's name and the key of its message in the reader's language.</summary>
internal sealed record FieldError(string Field, string Key);

/// <summary>
/// A pledge as typed into a page (the compatriot's link page, the project page, the staff's record-a-pledge form):
/// numbers stay text until <see cref="PledgeFormReader"/> reads them in the page's language. Each kind of help has its
/// own field — an amount, hours, goods — and the kind is the one that is filled in, so hours typed without first
/// choosing "time" are read as hours (no script needed to keep a radio button and its field in step).
/// </summary>
internal class PledgeForm
{
    /// <summary>Older clients and the staff form may still say the kind; what is filled in decides when they disagree.</summary>
    public string? Kind { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Hours { get; set; }
    public string? ContributionType { get; set; }
    /// <summary>What goods or materials the person will give.</summary>
    public string? Goods { get; set; }
    /// <summary>An optional note with any kind of help.</summary>
    public string? Description { get; set; }
    public string? ProjectId { get; set; }
    public string? Recurring { get; set; }
    public bool PublicNameConsent { get; set; }

    /// <summary>The project chosen, when the field holds one.</summary>
    public long? Project => long.TryParse(ProjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>The staff's record-a-pledge form: the same fields, for a person they choose.</summary>
internal sealed class StaffPledgeForm : PledgeForm
{
    public long? CompatriotId { get; set; }
}

/// <summary>What a form's fields came to: the pledge, or every refusal at once.</summary>
internal sealed record PledgeFormResult(PledgeInput? Input, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads a <see cref="PledgeForm"/> with <see cref="AmountParser"/> and the pledge's own rules, naming each bad field.</summary>
internal sealed class PledgeFormReader(Rates rates, TimeProvider clock, IOptions<PledgeOptions> options)
{
    /// <summary>At most this many hours in one pledge typed into a page: a working year.</summary>
    public const decimal MaxHours = 2_000m;

    public PledgeFormResult Read(PledgeForm form, string language)
    {
        var errors = new List<FieldError>();
        var kind = KindOf(form, errors);
        var input = new PledgeInput
        {
            Kind = kind, ContributionType = ContributionTypeOf(kind, Blank(form.ContributionType)), Recurring = Blank(form.Recurring),
            PublicNameConsent = form.PublicNameConsent, ProjectId = form.Project,
            Description = kind == "in_kind" ? Goods(form) : Blank(form.Description),
        };
        if (Blank(form.ProjectId) is not null && form.Project is null) errors.Add(new("projectId", "pub.error.projectId"));
        if (kind == "money") ReadMoney(form, language, input, errors);
        if (kind == "time") ReadHours(form, language, input, errors);
        if (kind == "in_kind" && input.Description is null) errors.Add(new("goods", "goods.error.empty"));
        // The remaining rules (lengths, known types) are the pledge's own, shared with the JSON API.
        if (errors.Count == 0 && input.Problem(rates.IsKnown) is { } problem)
            errors.Add(new(problem.Field == "description" && kind == "in_kind" ? "goods" : problem.Field, $"pub.error.{problem.Field}"));
        return new PledgeFormResult(errors.Count == 0 ? input : null, errors);
    }

    /// <summary>A sum typed into a staff form (a fulfilment): the same reading and ceiling as a pledge's.</summary>
    public ParsedAmount ReadMoney(string? text, string currency, string language)
    {
        var parsed = AmountParser.Parse(text, language, decimal.MaxValue);
        if (parsed.Value is { } value && rates.ToUsd(value, currency, clock.GetUtcNow()) > options.Value.MaxPerPledgeUsd)
            return ParsedAmount.Refused(AmountError.TooLarge);
        return parsed;
    }

    public static ParsedAmount ReadHours(string? text, string language) => AmountParser.Parse(text, language, MaxHours);

    private static string? KindOf(PledgeForm form, List<FieldError> errors)
    {
        var filled = new List<string>();
        if (Blank(form.Amount) is not null) filled.Add("money");
        if (Blank(form.Hours) is not null) filled.Add("time");
        if (Blank(form.Goods) is not null) filled.Add("in_kind");
        if (filled.Count == 1) return filled[0];
        if (filled.Count > 1)
        {
            errors.Add(new("kind", "pledge.error.several"));
            return null;
        }
        // Nothing filled in: a client that names the kind hears what that kind is missing (goods may come as the note).
        var named = form.Kind?.Trim().ToLowerInvariant();
        if (named == "in_kind" && Blank(form.Description) is not null) return "in_kind";
        var field = named switch { "money" => "amount", "time" => "hours", "in_kind" => "goods", _ => null };
        errors.Add(field is null ? new("kind", "pledge.error.nothing") : new(field, $"{field}.error.empty"));
        return null;
    }

    private void ReadMoney(PledgeForm form, string language, PledgeInput input, List<FieldError> errors)
    {
        var currency = form.Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency) || !rates.IsKnown(currency))
        {
            errors.Add(new("currency", "pub.error.currency"));
            currency = "USD";
        }
        input.Currency = currency;
        var amount = ReadMoney(form.Amount, currency, language);
        if (amount.ErrorKey("amount") is { } key) errors.Add(new("amount", key));
        input.Amount = amount.Value;
    }

    private static void ReadHours(PledgeForm form, string language, PledgeInput input, List<FieldError> errors)
    {
        var hours = ReadHours(form.Hours, language);
        if (hours.ErrorKey("hours") is { } key) errors.Add(new("hours", key));
        input.Hours = hours.Value;
    }

    // The kind-of-help list stands beside the hours and is always posted: it describes a money pledge only when it names
    // a kind of money (investment, charity), and goods are goods.
    private static string? ContributionTypeOf(string? kind, string? type) => kind switch
    {
        "time" => type is "investment" or "charity" or "in_kind" ? null : type,
        "money" => type is "investment" or "charity" ? type : null,
        _ => null,
    };

    // Goods are their own field; a client that sent them as the note (kind in_kind) is still understood.
    private static string? Goods(PledgeForm form) =>
        (Blank(form.Goods), Blank(form.Description)) switch
        {
            ({ } goods, { } note) => goods + "\n" + note,
            ({ } goods, null) => goods,
            (null, var note) => note,
        };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
