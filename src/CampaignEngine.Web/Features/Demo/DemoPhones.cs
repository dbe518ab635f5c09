using System.Globalization;
using PhoneNumbers;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>Mobile numbers that libphonenumber accepts as valid for the host country, varied from its example number.</summary>
internal static class DemoPhones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string Next(Random random, string country)
    {
        var example = Util.GetExampleNumberForType(country, PhoneNumberType.MOBILE);
        var national = example.NationalNumber.ToString(CultureInfo.InvariantCulture);
        var keep = Math.Max(2, national.Length - 7);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var digits = national[..keep] + random.NextInt64(0, (long)Math.Pow(10, national.Length - keep)).ToString(CultureInfo.InvariantCulture).PadLeft(national.Length - keep, '0');
            var candidate = new PhoneNumber.Builder().SetCountryCode(example.CountryCode).SetNationalNumber(ulong.Parse(digits, CultureInfo.InvariantCulture)).Build();
            if (Util.IsValidNumber(candidate)) return Util.Format(candidate, PhoneNumberFormat.E164);
        }
        return Util.Format(example, PhoneNumberFormat.E164);
    }
}
