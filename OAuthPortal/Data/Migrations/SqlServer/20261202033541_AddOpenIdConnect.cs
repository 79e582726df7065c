using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddOpenIdConnect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AuthTime",
                table: "Grants",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthenticationMethods",
                table: "Grants",
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimsRequest",
                table: "Grants",
                type: "nvarchar(max)",
                maxLength: 4096,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SessionId",
                table: "Grants",
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BackchannelLogoutUri",
                table: "Clients",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdTokenSignedResponseAlg",
                table: "Clients",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: false,
                defaultValue: "RS256");

            migrationBuilder.AddColumn<string>(
                name: "Nonce",
                table: "AuthorizationCodes",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FamilyName",
                table: "AspNetUsers",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GivenName",
                table: "AspNetUsers",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "AspNetUsers",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProfileUpdatedAt",
                table: "AspNetUsers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PostLogoutRedirectUris",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ClientId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Uri = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    UriHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostLogoutRedirectUris", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostLogoutRedirectUris_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SigningKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    Generation = table.Column<int>(type: "int", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "varchar(max)", unicode: false, nullable: false),
                    PublicJwk = table.Column<string>(type: "varchar(max)", unicode: false, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActivatesAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeleteAfter = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_SessionId",
                table: "Grants",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_PostLogoutRedirectUris_ClientId_UriHash",
                table: "PostLogoutRedirectUris",
                columns: new[] { "ClientId", "UriHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SigningKeys_Algorithm_Generation",
                table: "SigningKeys",
                columns: new[] { "Algorithm", "Generation" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostLogoutRedirectUris");

            migrationBuilder.DropTable(
                name: "SigningKeys");

            migrationBuilder.DropIndex(
                name: "IX_Grants_SessionId",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "AuthTime",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "AuthenticationMethods",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "ClaimsRequest",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "BackchannelLogoutUri",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "IdTokenSignedResponseAlg",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Nonce",
                table: "AuthorizationCodes");

            migrationBuilder.DropColumn(
                name: "FamilyName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "GivenName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProfileUpdatedAt",
                table: "AspNetUsers");
        }
    }
}
