using System.Globalization;
using System.Net.Mail;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Features.Pledges.Offers;

/// <summary>
/// A stranger's offer as typed into a project's public page: what (the pledge form's own fields), who, how to reach
/// them, and the consent to be contacted about this very offer. <see cref="Website"/> is a field people never see
/// (hidden by the page's style and from screen readers): only a form-filling robot writes into it.
/// </summary>
internal sealed class OfferForm : PledgeForm
{
    public const int MaxName = 120;
    public const int MaxEmail = 254;
    public const int MaxPhone = 40;

    public string? FullName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Country { get; set; }
    public string? HomeRegion { get; set; }
    public bool ContactConsent { get; set; }
    public string? Website { get; set; }

    public bool IsRobot => !string.IsNullOrEmpty(Website);
}

/// <summary>An offer that passed every check, ready to be stored.</summary>
internal sealed record NewOffer(
    long ProjectId, PledgeInput Pledge, string FullName, string? Phone, string? Email, string? Country, string? HomeRegion, string Language);

/// <summary>What an offer form came to: the offer, or every refusal at once, each naming its field.</summary>
internal sealed record OfferFormResult(NewOffer? Offer, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Reads an <see cref="OfferForm"/>: the help offered through <see cref="PledgeFormReader"/> (the same kinds, amounts
/// read in the page's language, the same messages), then the person: a name, at least one way to reach them that is
/// a real phone number or e-mail address, a known country and home region if given, and the consent.
/// </summary>
internal sealed class OfferFormReader(PledgeFormReader pledges)
{
    public OfferFormResult Read(OfferForm form, long projectId, string language)
    {
        form.ProjectId = projectId.ToString(CultureInfo.InvariantCulture);
        form.Recurring = null;   // a standing monthly pledge is agreed on the call, not offered by a stranger
        var read = pledges.Read(form, language);
        var errors = read.Errors.ToList();
        var name = OneLine(form.FullName);
        if (name is null) errors.Add(new("fullName", "offer.error.fullName"));
        else if (name.Length > OfferForm.MaxName) errors.Add(new("fullName", "offer.error.fullNameLong"));
        var country = Blank(form.Country) is { } countryText ? Countries.Find(countryText)?.Iso2 : null;
        if (Blank(form.Country) is not null && country is null) errors.Add(new("country", "offer.error.country"));
        var region = Blank(form.HomeRegion) is { } regionText ? Regions.Find(regionText)?.Code : null;
        if (Blank(form.HomeRegion) is not null && region is null) errors.Add(new("homeRegion", "offer.error.homeRegion"));
        var phone = Phone(form.Phone, country, errors);
        var email = Email(form.Email, errors);
        if (Blank(form.Phone) is null && Blank(form.Email) is null) errors.Add(new("contact", "offer.error.contact"));
        if (!form.ContactConsent) errors.Add(new("contactConsent", "offer.error.consent"));
        return errors.Count > 0
            ? new OfferFormResult(null, errors)
            : new OfferFormResult(new NewOffer(projectId, read.Input!, name!, phone, email, country, region, language), []);
    }

    // Stored as E.164, read first as a number of the country they live in, then as a Kyrgyz one.
    private static string? Phone(string? text, string? country, List<FieldError> errors)
    {
        if (Blank(text) is not { } raw) return null;
        var phone = raw.Length > OfferForm.MaxPhone ? null : PhoneNormalizer.Normalize(raw, country);
        if (phone is null) errors.Add(new("phone", "offer.error.phone"));
        return phone;
    }

    private static string? Email(string? text, List<FieldError> errors)
    {
        if (Blank(text) is not { } raw) return null;
        var valid = raw.Length <= OfferForm.MaxEmail && !raw.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(raw, out var address) && address.Address == raw && address.Host.Contains('.', StringComparison.Ordinal);
        if (!valid) errors.Add(new("email", "offer.error.email"));
        return valid ? raw : null;
    }

    private static string? OneLine(string? text) =>
        Blank(text) is { } value && !value.Any(char.IsControl) ? string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
