using System.Text.Json.Serialization;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Http;

/// <summary>The JSON body of an error (RFC 6749 §5.2).</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName(P.Error)] string Error,
    [property: JsonPropertyName(P.ErrorDescription)] string ErrorDescription)
{
    public static OAuthErrorResponse From(OAuthError error) => new(error.Code, error.Description);
}
