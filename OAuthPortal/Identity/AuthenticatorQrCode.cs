using System.Text;
using QRCoder;

namespace OAuthPortal.Identity;

/// <summary>
/// What an authenticator app needs to add the account: the key (shown in groups of four for typing) and the
/// <c>otpauth://</c> URI of Google Authenticator's key-URI format, drawn as a QR code in SVG on the server (QRCoder): no
/// script, no third-party service, and no style attribute, so the strict CSP holds.
/// </summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "OAuthPortal";

    /// <summary>"JBSW Y3DP EHPK 3PXP": the base32 key in groups of four (upper case, as apps show it).</summary>
    public static string FormatKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(grouped.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString().ToUpperInvariant();
    }

    /// <summary><c>otpauth://totp/OAuthPortal:alice%40example.com?secret=...&amp;issuer=OAuthPortal&amp;digits=6</c> (RFC 6238 defaults: SHA-1, 30 s).</summary>
    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={System.Uri.EscapeDataString(key)}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code of <paramref name="uri"/> as an &lt;svg&gt; element (black on white, quiet zone included, scales to its box).</summary>
    public static string Svg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true,
            SvgQRCode.SizingMode.ViewBoxAttribute);
        return svg.Replace("<svg ", "<svg role=\"img\" aria-label=\"QR code for your authenticator app\" focusable=\"false\" ", StringComparison.Ordinal);
    }
}
