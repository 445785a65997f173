/* rules-ubl-cr.c
 *
 * UBL-CR-*: elements and attributes of UBL 2.1 that an EN 16931 invoice
 * should (warning) or shall (fatal: UBL-CR-666, UBL-CR-673) not contain.
 * Each rule is one row of a table: a path below the document root that
 * must not exist. Paths are the CEN UBL binding's (validation artefacts
 * 1.3.16, with the corrected UBL-CR-674 and without UBL-CR-631), written
 * in a small path language:
 *
 *   cac:A/cbc:B        child steps (the usual qnames)
 *   LINE/...           cac:InvoiceLine or cac:CreditNoteLine
 *   //cac:A/...        cac:A anywhere in the document, then child steps
 *   .../@attr          the last step is an attribute (no namespace)
 *   //@attr            the attribute on any element
 *
 * and five rules with a condition of their own (SPECIAL_*). A finding is
 * reported once per document, at the root, as the official rules do.
 *
 * Speed: the paths are not evaluated one by one. One walk over the
 * document (a rule group, see dokus-validate-util-private.h) hashes the
 * path of every element and attribute, one step at a time from its
 * parent's hash (FNV-1a is sequential), and looks the hash up in the table
 * of exact paths below (generated from absent_rules with LINE spelled
 * out, keyed by an FNV-1a hash of the path and sorted by it). Only when
 * the hash is in the table, or the last step is the last step of one of
 * the few "anywhere" suffixes, is the path written out and compared in
 * full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dokus-thread-private.h"
#include "dokus-validate-names-private.h"
#include "dokus-validate-util-private.h"

typedef struct {
  const char *rule;
  const char *path;
} AbsentRule;

static const AbsentRule absent_rules[] = {
  { "UBL-CR-001", "ext:UBLExtensions" },
  { "UBL-CR-002", "SPECIAL_UBLVERSION" },
  { "UBL-CR-003", "cbc:ProfileExecutionID" },
  { "UBL-CR-004", "cbc:CopyIndicator" },
  { "UBL-CR-005", "cbc:UUID" },
  { "UBL-CR-006", "cbc:IssueTime" },
  { "UBL-CR-007", "cbc:PricingCurrencyCode" },
  { "UBL-CR-008", "cbc:PaymentCurrencyCode" },
  { "UBL-CR-009", "cbc:PaymentAlternativeCurrencyCode" },
  { "UBL-CR-010", "cbc:AccountingCostCode" },
  { "UBL-CR-011", "cbc:LineCountNumeric" },
  { "UBL-CR-012", "cac:InvoicePeriod/cbc:StartTime" },
  { "UBL-CR-013", "cac:InvoicePeriod/cbc:EndTime" },
  { "UBL-CR-014", "cac:InvoicePeriod/cbc:DurationMeasure" },
  { "UBL-CR-015", "cac:InvoicePeriod/cbc:Description" },
  { "UBL-CR-016", "cac:OrderReference/cbc:CopyIndicator" },
  { "UBL-CR-017", "cac:OrderReference/cbc:UUID" },
  { "UBL-CR-018", "cac:OrderReference/cbc:IssueDate" },
  { "UBL-CR-019", "cac:OrderReference/cbc:IssueTime" },
  { "UBL-CR-020", "cac:OrderReference/cbc:CustomerReference" },
  { "UBL-CR-021", "cac:OrderReference/cbc:OrderTypeCode" },
  { "UBL-CR-022", "cac:OrderReference/cbc:DocumentReference" },
  { "UBL-CR-023", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-024", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:UUID" },
  { "UBL-CR-025", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueTime" },
  { "UBL-CR-026", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentTypeCode" },
  { "UBL-CR-027", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentType" },
  { "UBL-CR-028", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:Xpath" },
  { "UBL-CR-029", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LanguageID" },
  { "UBL-CR-030", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-031", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:VersionID" },
  { "UBL-CR-032", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-033", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-034", "cac:BillingReference/cac:InvoiceDocumentReference/cac:Attachment" },
  { "UBL-CR-035", "cac:BillingReference/cac:InvoiceDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-036", "cac:BillingReference/cac:InvoiceDocumentReference/cac:IssuerParty" },
  { "UBL-CR-037", "cac:BillingReference/cac:InvoiceDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-038", "cac:BillingReference/cac:SelfBilledInvoiceDocumentReference" },
  { "UBL-CR-039", "cac:BillingReference/cac:CreditNoteDocumentReference" },
  { "UBL-CR-040", "cac:BillingReference/cac:SelfBilledCreditNoteDocumentReference" },
  { "UBL-CR-041", "cac:BillingReference/cac:DebitNoteDocumentReference" },
  { "UBL-CR-042", "cac:BillingReference/cac:ReminderDocumentReference" },
  { "UBL-CR-043", "cac:BillingReference/cac:AdditionalDocumentReference" },
  { "UBL-CR-044", "cac:BillingReference/cac:BillingReferenceLine" },
  { "UBL-CR-045", "cac:DespatchDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-046", "cac:DespatchDocumentReference/cbc:UUID" },
  { "UBL-CR-047", "cac:DespatchDocumentReference/cbc:IssueDate" },
  { "UBL-CR-048", "cac:DespatchDocumentReference/cbc:IssueTime" },
  { "UBL-CR-049", "cac:DespatchDocumentReference/cbc:DocumentTypeCode" },
  { "UBL-CR-050", "cac:DespatchDocumentReference/cbc:DocumentType" },
  { "UBL-CR-051", "cac:DespatchDocumentReference/cbc:Xpath" },
  { "UBL-CR-052", "cac:DespatchDocumentReference/cbc:LanguageID" },
  { "UBL-CR-053", "cac:DespatchDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-054", "cac:DespatchDocumentReference/cbc:VersionID" },
  { "UBL-CR-055", "cac:DespatchDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-056", "cac:DespatchDocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-057", "cac:DespatchDocumentReference/cac:Attachment" },
  { "UBL-CR-058", "cac:DespatchDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-059", "cac:DespatchDocumentReference/cac:IssuerParty" },
  { "UBL-CR-060", "cac:DespatchDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-061", "cac:ReceiptDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-062", "cac:ReceiptDocumentReference/cbc:UUID" },
  { "UBL-CR-063", "cac:ReceiptDocumentReference/cbc:IssueDate" },
  { "UBL-CR-064", "cac:ReceiptDocumentReference/cbc:IssueTime" },
  { "UBL-CR-065", "cac:ReceiptDocumentReference/cbc:DocumentTypeCode" },
  { "UBL-CR-066", "cac:ReceiptDocumentReference/cbc:DocumentType" },
  { "UBL-CR-067", "cac:ReceiptDocumentReference/cbc:Xpath" },
  { "UBL-CR-068", "cac:ReceiptDocumentReference/cbc:LanguageID" },
  { "UBL-CR-069", "cac:ReceiptDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-070", "cac:ReceiptDocumentReference/cbc:VersionID" },
  { "UBL-CR-071", "cac:ReceiptDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-072", "cac:ReceiptDocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-073", "cac:ReceiptDocumentReference/cac:Attachment" },
  { "UBL-CR-074", "cac:ReceiptDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-075", "cac:ReceiptDocumentReference/cac:IssuerParty" },
  { "UBL-CR-076", "cac:ReceiptDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-077", "cac:StatementDocumentReference" },
  { "UBL-CR-078", "cac:OriginatorDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-079", "cac:OriginatorDocumentReference/cbc:UUID" },
  { "UBL-CR-080", "cac:OriginatorDocumentReference/cbc:IssueDate" },
  { "UBL-CR-081", "cac:OriginatorDocumentReference/cbc:IssueTime" },
  { "UBL-CR-082", "cac:OriginatorDocumentReference/cbc:DocumentTypeCode" },
  { "UBL-CR-083", "cac:OriginatorDocumentReference/cbc:DocumentType" },
  { "UBL-CR-084", "cac:OriginatorDocumentReference/cbc:Xpath" },
  { "UBL-CR-085", "cac:OriginatorDocumentReference/cbc:LanguageID" },
  { "UBL-CR-086", "cac:OriginatorDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-087", "cac:OriginatorDocumentReference/cbc:VersionID" },
  { "UBL-CR-088", "cac:OriginatorDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-089", "cac:OriginatorDocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-090", "cac:OriginatorDocumentReference/cac:Attachment" },
  { "UBL-CR-091", "cac:OriginatorDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-092", "cac:OriginatorDocumentReference/cac:IssuerParty" },
  { "UBL-CR-093", "cac:OriginatorDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-094", "cac:ContractDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-095", "cac:ContractDocumentReference/cbc:UUID" },
  { "UBL-CR-096", "cac:ContractDocumentReference/cbc:IssueDate" },
  { "UBL-CR-097", "cac:ContractDocumentReference/cbc:IssueTime" },
  { "UBL-CR-098", "cac:ContractDocumentReference/cbc:DocumentTypeCode" },
  { "UBL-CR-099", "cac:ContractDocumentReference/cbc:DocumentType" },
  { "UBL-CR-100", "cac:ContractDocumentReference/cbc:Xpath" },
  { "UBL-CR-101", "cac:ContractDocumentReference/cbc:LanguageID" },
  { "UBL-CR-102", "cac:ContractDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-103", "cac:ContractDocumentReference/cbc:VersionID" },
  { "UBL-CR-104", "cac:ContractDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-105", "cac:ContractDocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-106", "cac:ContractDocumentReference/cac:Attachment" },
  { "UBL-CR-107", "cac:ContractDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-108", "cac:ContractDocumentReference/cac:IssuerParty" },
  { "UBL-CR-109", "cac:ContractDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-110", "cac:AdditionalDocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-111", "cac:AdditionalDocumentReference/cbc:UUID" },
  { "UBL-CR-112", "cac:AdditionalDocumentReference/cbc:IssueDate" },
  { "UBL-CR-113", "cac:AdditionalDocumentReference/cbc:IssueTime" },
  { "UBL-CR-114", "cac:AdditionalDocumentReference/cbc:DocumentType" },
  { "UBL-CR-115", "cac:AdditionalDocumentReference/cbc:Xpath" },
  { "UBL-CR-116", "cac:AdditionalDocumentReference/cbc:LanguageID" },
  { "UBL-CR-117", "cac:AdditionalDocumentReference/cbc:LocaleCode" },
  { "UBL-CR-118", "cac:AdditionalDocumentReference/cbc:VersionID" },
  { "UBL-CR-119", "cac:AdditionalDocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-121", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:DocumentHash" },
  { "UBL-CR-122", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:HashAlgorithmMethod" },
  { "UBL-CR-123", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryDate" },
  { "UBL-CR-124", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryTime" },
  { "UBL-CR-125", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:MimeCode" },
  { "UBL-CR-126", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FormatCode" },
  { "UBL-CR-127", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:EncodingCode" },
  { "UBL-CR-128", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:CharacterSetCode" },
  { "UBL-CR-129", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FileName" },
  { "UBL-CR-130", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:Description" },
  { "UBL-CR-131", "cac:AdditionalDocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-132", "cac:AdditionalDocumentReference/cac:IssuerParty" },
  { "UBL-CR-133", "cac:AdditionalDocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-134", "cac:ProjectReference/cbc:UUID" },
  { "UBL-CR-135", "cac:ProjectReference/cbc:IssueDate" },
  { "UBL-CR-136", "cac:ProjectReference/cac:WorkPhaseReference" },
  { "UBL-CR-137", "cac:Signature" },
  { "UBL-CR-138", "cac:AccountingSupplierParty/cbc:CustomerAssignedAccountID" },
  { "UBL-CR-139", "cac:AccountingSupplierParty/cbc:AdditionalAccountID" },
  { "UBL-CR-140", "cac:AccountingSupplierParty/cbc:DataSendingCapability" },
  { "UBL-CR-141", "cac:AccountingSupplierParty/cac:Party/cbc:MarkCareIndicator" },
  { "UBL-CR-142", "cac:AccountingSupplierParty/cac:Party/cbc:MarkAttentionIndicator" },
  { "UBL-CR-143", "cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI" },
  { "UBL-CR-144", "cac:AccountingSupplierParty/cac:Party/cbc:LogoReferenceID" },
  { "UBL-CR-145", "cac:AccountingSupplierParty/cac:Party/cbc:IndustryClassificationCode" },
  { "UBL-CR-146", "cac:AccountingSupplierParty/cac:Party/cac:Language" },
  { "UBL-CR-147", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:ID" },
  { "UBL-CR-148", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode" },
  { "UBL-CR-149", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode" },
  { "UBL-CR-150", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Postbox" },
  { "UBL-CR-151", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Floor" },
  { "UBL-CR-152", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Room" },
  { "UBL-CR-153", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BlockName" },
  { "UBL-CR-154", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingName" },
  { "UBL-CR-155", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber" },
  { "UBL-CR-156", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:InhouseMail" },
  { "UBL-CR-157", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Department" },
  { "UBL-CR-158", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkAttention" },
  { "UBL-CR-159", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkCare" },
  { "UBL-CR-160", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification" },
  { "UBL-CR-161", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName" },
  { "UBL-CR-162", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode" },
  { "UBL-CR-163", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Region" },
  { "UBL-CR-164", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:District" },
  { "UBL-CR-165", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset" },
  { "UBL-CR-166", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name" },
  { "UBL-CR-167", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate" },
  { "UBL-CR-168", "cac:AccountingSupplierParty/cac:Party/cac:PhysicalLocation" },
  { "UBL-CR-169", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName" },
  { "UBL-CR-170", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode" },
  { "UBL-CR-171", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode" },
  { "UBL-CR-172", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason" },
  { "UBL-CR-173", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress" },
  { "UBL-CR-174", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-175", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-176", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-177", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress" },
  { "UBL-CR-178", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate" },
  { "UBL-CR-179", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate" },
  { "UBL-CR-180", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode" },
  { "UBL-CR-181", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator" },
  { "UBL-CR-182", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode" },
  { "UBL-CR-183", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CorporationStockAmount" },
  { "UBL-CR-184", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator" },
  { "UBL-CR-185", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress" },
  { "UBL-CR-186", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme" },
  { "UBL-CR-187", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty" },
  { "UBL-CR-188", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty" },
  { "UBL-CR-189", "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:ID" },
  { "UBL-CR-190", "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Telefax" },
  { "UBL-CR-191", "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Note" },
  { "UBL-CR-192", "cac:AccountingSupplierParty/cac:Party/cac:Contact/cac:OtherCommunication" },
  { "UBL-CR-193", "cac:AccountingSupplierParty/cac:Party/cac:Person" },
  { "UBL-CR-194", "cac:AccountingSupplierParty/cac:Party/cac:AgentParty" },
  { "UBL-CR-195", "cac:AccountingSupplierParty/cac:Party/cac:ServiceProviderParty" },
  { "UBL-CR-196", "cac:AccountingSupplierParty/cac:Party/cac:PowerOfAttorney" },
  { "UBL-CR-197", "cac:AccountingSupplierParty/cac:Party/cac:FinancialAccount" },
  { "UBL-CR-198", "cac:AccountingSupplierParty/cac:DespatchContact" },
  { "UBL-CR-199", "cac:AccountingSupplierParty/cac:AccountingContact" },
  { "UBL-CR-200", "cac:AccountingSupplierParty/cac:SellerContact" },
  { "UBL-CR-201", "cac:AccountingCustomerParty/cbc:CustomerAssignedAccountID" },
  { "UBL-CR-202", "cac:AccountingCustomerParty/cbc:SupplierAssignedAccountID" },
  { "UBL-CR-203", "cac:AccountingCustomerParty/cbc:AdditionalAccountID" },
  { "UBL-CR-204", "cac:AccountingCustomerParty/cac:Party/cbc:MarkCareIndicator" },
  { "UBL-CR-205", "cac:AccountingCustomerParty/cac:Party/cbc:MarkAttentionIndicator" },
  { "UBL-CR-206", "cac:AccountingCustomerParty/cac:Party/cbc:WebsiteURI" },
  { "UBL-CR-207", "cac:AccountingCustomerParty/cac:Party/cbc:LogoReferenceID" },
  { "UBL-CR-208", "cac:AccountingCustomerParty/cac:Party/cbc:IndustryClassificationCode" },
  { "UBL-CR-209", "cac:AccountingCustomerParty/cac:Party/cac:Language" },
  { "UBL-CR-210", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:ID" },
  { "UBL-CR-211", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode" },
  { "UBL-CR-212", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode" },
  { "UBL-CR-213", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Postbox" },
  { "UBL-CR-214", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Floor" },
  { "UBL-CR-215", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Room" },
  { "UBL-CR-216", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BlockName" },
  { "UBL-CR-217", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingName" },
  { "UBL-CR-218", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber" },
  { "UBL-CR-219", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:InhouseMail" },
  { "UBL-CR-220", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Department" },
  { "UBL-CR-221", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkAttention" },
  { "UBL-CR-222", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkCare" },
  { "UBL-CR-223", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification" },
  { "UBL-CR-224", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName" },
  { "UBL-CR-225", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode" },
  { "UBL-CR-226", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Region" },
  { "UBL-CR-227", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:District" },
  { "UBL-CR-228", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset" },
  { "UBL-CR-229", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name" },
  { "UBL-CR-230", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate" },
  { "UBL-CR-231", "cac:AccountingCustomerParty/cac:Party/cac:PhysicalLocation" },
  { "UBL-CR-232", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName" },
  { "UBL-CR-233", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode" },
  { "UBL-CR-234", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode" },
  { "UBL-CR-235", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason" },
  { "UBL-CR-236", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress" },
  { "UBL-CR-237", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-238", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-239", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-240", "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress" },
  { "UBL-CR-241", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate" },
  { "UBL-CR-242", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate" },
  { "UBL-CR-243", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode" },
  { "UBL-CR-244", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm" },
  { "UBL-CR-245", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator" },
  { "UBL-CR-246", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode" },
  { "UBL-CR-247", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CorporationStockAmount" },
  { "UBL-CR-248", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator" },
  { "UBL-CR-249", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress" },
  { "UBL-CR-250", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme" },
  { "UBL-CR-251", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty" },
  { "UBL-CR-252", "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty" },
  { "UBL-CR-253", "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ID" },
  { "UBL-CR-254", "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telefax" },
  { "UBL-CR-255", "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Note" },
  { "UBL-CR-256", "cac:AccountingCustomerParty/cac:Party/cac:Contact/cac:OtherCommunication" },
  { "UBL-CR-257", "cac:AccountingCustomerParty/cac:Party/cac:Person" },
  { "UBL-CR-258", "cac:AccountingCustomerParty/cac:Party/cac:AgentParty" },
  { "UBL-CR-259", "cac:AccountingCustomerParty/cac:Party/cac:ServiceProviderParty" },
  { "UBL-CR-260", "cac:AccountingCustomerParty/cac:Party/cac:PowerOfAttorney" },
  { "UBL-CR-261", "cac:AccountingCustomerParty/cac:Party/cac:FinancialAccount" },
  { "UBL-CR-262", "cac:AccountingCustomerParty/cac:DeliveryContact" },
  { "UBL-CR-263", "cac:AccountingCustomerParty/cac:AccountingContact" },
  { "UBL-CR-264", "cac:AccountingCustomerParty/cac:BuyerContact" },
  { "UBL-CR-265", "cac:PayeeParty/cbc:MarkCareIndicator" },
  { "UBL-CR-266", "cac:PayeeParty/cbc:MarkAttentionIndicator" },
  { "UBL-CR-267", "cac:PayeeParty/cbc:WebsiteURI" },
  { "UBL-CR-268", "cac:PayeeParty/cbc:LogoReferenceID" },
  { "UBL-CR-269", "cac:PayeeParty/cbc:EndpointID" },
  { "UBL-CR-270", "cac:PayeeParty/cbc:IndustryClassificationCode" },
  { "UBL-CR-271", "cac:PayeeParty/cac:Language" },
  { "UBL-CR-272", "cac:PayeeParty/cac:PostalAddress" },
  { "UBL-CR-273", "cac:PayeeParty/cac:PhysicalLocation" },
  { "UBL-CR-274", "cac:PayeeParty/cac:PartyTaxScheme" },
  { "UBL-CR-275", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationName" },
  { "UBL-CR-276", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationDate" },
  { "UBL-CR-277", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationExpirationDate" },
  { "UBL-CR-278", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalFormCode" },
  { "UBL-CR-279", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalForm" },
  { "UBL-CR-280", "cac:PayeeParty/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator" },
  { "UBL-CR-281", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode" },
  { "UBL-CR-282", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CorporationStockAmount" },
  { "UBL-CR-283", "cac:PayeeParty/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator" },
  { "UBL-CR-284", "cac:PayeeParty/cac:PartyLegalEntity/cac:RegistrationAddress" },
  { "UBL-CR-285", "cac:PayeeParty/cac:PartyLegalEntity/cac:CorporateRegistrationScheme" },
  { "UBL-CR-286", "cac:PayeeParty/cac:PartyLegalEntity/cac:HeadOfficeParty" },
  { "UBL-CR-287", "cac:PayeeParty/cac:PartyLegalEntity/cac:ShareholderParty" },
  { "UBL-CR-288", "cac:PayeeParty/cac:Contact" },
  { "UBL-CR-289", "cac:PayeeParty/cac:Person" },
  { "UBL-CR-290", "cac:PayeeParty/cac:AgentParty" },
  { "UBL-CR-291", "cac:PayeeParty/cac:ServiceProviderParty" },
  { "UBL-CR-292", "cac:PayeeParty/cac:PowerOfAttorney" },
  { "UBL-CR-293", "cac:PayeeParty/cac:FinancialAccount" },
  { "UBL-CR-294", "cac:BuyerCustomerParty" },
  { "UBL-CR-295", "cac:SellerSupplierParty" },
  { "UBL-CR-296", "cac:TaxRepresentativeParty/cbc:MarkCareIndicator" },
  { "UBL-CR-297", "cac:TaxRepresentativeParty/cbc:MarkAttentionIndicator" },
  { "UBL-CR-298", "cac:TaxRepresentativeParty/cbc:WebsiteURI" },
  { "UBL-CR-299", "cac:TaxRepresentativeParty/cbc:LogoReferenceID" },
  { "UBL-CR-300", "cac:TaxRepresentativeParty/cbc:EndpointID" },
  { "UBL-CR-301", "cac:TaxRepresentativeParty/cbc:IndustryClassificationCode" },
  { "UBL-CR-302", "cac:TaxRepresentativeParty/cac:PartyIdentification" },
  { "UBL-CR-303", "cac:TaxRepresentativeParty/cac:Language" },
  { "UBL-CR-304", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:ID" },
  { "UBL-CR-305", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressTypeCode" },
  { "UBL-CR-306", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressFormatCode" },
  { "UBL-CR-307", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Postbox" },
  { "UBL-CR-308", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Floor" },
  { "UBL-CR-309", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Room" },
  { "UBL-CR-310", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BlockName" },
  { "UBL-CR-311", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingName" },
  { "UBL-CR-312", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingNumber" },
  { "UBL-CR-313", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:InhouseMail" },
  { "UBL-CR-314", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Department" },
  { "UBL-CR-315", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkAttention" },
  { "UBL-CR-316", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkCare" },
  { "UBL-CR-317", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:PlotIdentification" },
  { "UBL-CR-318", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CitySubdivisionName" },
  { "UBL-CR-319", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CountrySubentityCode" },
  { "UBL-CR-320", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Region" },
  { "UBL-CR-321", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:District" },
  { "UBL-CR-322", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:TimezoneOffset" },
  { "UBL-CR-323", "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:Name" },
  { "UBL-CR-324", "cac:TaxRepresentativeParty/cac:PostalAddress/cac:LocationCoordinate" },
  { "UBL-CR-325", "cac:TaxRepresentativeParty/cac:PhysicalLocation" },
  { "UBL-CR-326", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:RegistrationName" },
  { "UBL-CR-327", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:TaxLevelCode" },
  { "UBL-CR-328", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReasonCode" },
  { "UBL-CR-329", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReason" },
  { "UBL-CR-330", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:RegistrationAddress" },
  { "UBL-CR-331", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-332", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-333", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-334", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress" },
  { "UBL-CR-335", "cac:TaxRepresentativeParty/cac:PartyLegalEntity" },
  { "UBL-CR-336", "cac:TaxRepresentativeParty/cac:Contact" },
  { "UBL-CR-337", "cac:TaxRepresentativeParty/cac:Person" },
  { "UBL-CR-338", "cac:TaxRepresentativeParty/cac:AgentParty" },
  { "UBL-CR-339", "cac:TaxRepresentativeParty/cac:ServiceProviderParty" },
  { "UBL-CR-340", "cac:TaxRepresentativeParty/cac:PowerOfAttorney" },
  { "UBL-CR-341", "cac:TaxRepresentativeParty/cac:FinancialAccount" },
  { "UBL-CR-342", "cac:Delivery/cbc:ID" },
  { "UBL-CR-343", "cac:Delivery/cbc:Quantity" },
  { "UBL-CR-344", "cac:Delivery/cbc:MinimumQuantity" },
  { "UBL-CR-345", "cac:Delivery/cbc:MaximumQuantity" },
  { "UBL-CR-346", "cac:Delivery/cbc:ActualDeliveryTime" },
  { "UBL-CR-347", "cac:Delivery/cbc:LatestDeliveryDate" },
  { "UBL-CR-348", "cac:Delivery/cbc:LatestDeliveryTime" },
  { "UBL-CR-349", "cac:Delivery/cbc:ReleaseID" },
  { "UBL-CR-350", "cac:Delivery/cbc:TrackingID" },
  { "UBL-CR-351", "cac:Delivery/cac:DeliveryLocation/cbc:Description" },
  { "UBL-CR-352", "cac:Delivery/cac:DeliveryLocation/cbc:Conditions" },
  { "UBL-CR-353", "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentity" },
  { "UBL-CR-354", "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentityCode" },
  { "UBL-CR-355", "cac:Delivery/cac:DeliveryLocation/cbc:LocationTypeCode" },
  { "UBL-CR-356", "cac:Delivery/cac:DeliveryLocation/cbc:InformationURI" },
  { "UBL-CR-357", "cac:Delivery/cac:DeliveryLocation/cbc:Name" },
  { "UBL-CR-358", "cac:Delivery/cac:DeliveryLocation/cac:ValidationPeriod" },
  { "UBL-CR-359", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:ID" },
  { "UBL-CR-360", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressTypeCode" },
  { "UBL-CR-361", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressFormatCode" },
  { "UBL-CR-362", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Postbox" },
  { "UBL-CR-363", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Floor" },
  { "UBL-CR-364", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Room" },
  { "UBL-CR-365", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BlockName" },
  { "UBL-CR-366", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingName" },
  { "UBL-CR-367", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingNumber" },
  { "UBL-CR-368", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:InhouseMail" },
  { "UBL-CR-369", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Department" },
  { "UBL-CR-370", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkAttention" },
  { "UBL-CR-371", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkCare" },
  { "UBL-CR-372", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:PlotIdentification" },
  { "UBL-CR-373", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CitySubdivisionName" },
  { "UBL-CR-374", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CountrySubentityCode" },
  { "UBL-CR-375", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Region" },
  { "UBL-CR-376", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:District" },
  { "UBL-CR-377", "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:TimezoneOffset" },
  { "UBL-CR-378", "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:Name" },
  { "UBL-CR-379", "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:LocationCoordinate" },
  { "UBL-CR-380", "cac:Delivery/cac:DeliveryLocation/cac:SubsidiaryLocation" },
  { "UBL-CR-381", "cac:Delivery/cac:DeliveryLocation/cac:LocationCoordinate" },
  { "UBL-CR-382", "cac:Delivery/cac:AlternativeDeliveryLocation" },
  { "UBL-CR-383", "cac:Delivery/cac:RequestedDeliveryPeriod" },
  { "UBL-CR-384", "cac:Delivery/cac:PromisedDeliveryPeriod" },
  { "UBL-CR-385", "cac:Delivery/cac:CarrierParty" },
  { "UBL-CR-386", "cac:Delivery/cac:DeliveryParty/cbc:MarkCareIndicator" },
  { "UBL-CR-387", "cac:Delivery/cac:DeliveryParty/cbc:MarkAttentionIndicator" },
  { "UBL-CR-388", "cac:Delivery/cac:DeliveryParty/cbc:WebsiteURI" },
  { "UBL-CR-389", "cac:Delivery/cac:DeliveryParty/cbc:LogoReferenceID" },
  { "UBL-CR-390", "cac:Delivery/cac:DeliveryParty/cbc:EndpointID" },
  { "UBL-CR-391", "cac:Delivery/cac:DeliveryParty/cbc:IndustryClassificationCode" },
  { "UBL-CR-392", "cac:Delivery/cac:DeliveryParty/cac:PartyIdentification" },
  { "UBL-CR-393", "cac:Delivery/cac:DeliveryParty/cac:Language" },
  { "UBL-CR-394", "cac:Delivery/cac:DeliveryParty/cac:PostalAddress" },
  { "UBL-CR-395", "cac:Delivery/cac:DeliveryParty/cac:PhysicalLocation" },
  { "UBL-CR-396", "cac:Delivery/cac:DeliveryParty/cac:PartyTaxScheme" },
  { "UBL-CR-397", "cac:Delivery/cac:DeliveryParty/cac:PartyLegalEntity" },
  { "UBL-CR-398", "cac:Delivery/cac:DeliveryParty/cac:Contact" },
  { "UBL-CR-399", "cac:Delivery/cac:DeliveryParty/cac:Person" },
  { "UBL-CR-400", "cac:Delivery/cac:DeliveryParty/cac:AgentParty" },
  { "UBL-CR-401", "cac:Delivery/cac:DeliveryParty/cac:ServiceProviderParty" },
  { "UBL-CR-402", "cac:Delivery/cac:DeliveryParty/cac:PowerOfAttorney" },
  { "UBL-CR-403", "cac:Delivery/cac:DeliveryParty/cac:FinancialAccount" },
  { "UBL-CR-404", "cac:Delivery/cac:NotifyParty" },
  { "UBL-CR-405", "cac:Delivery/cac:Despatch" },
  { "UBL-CR-406", "cac:Delivery/cac:DeliveryTerms" },
  { "UBL-CR-407", "cac:Delivery/cac:MinimumDeliveryUnit" },
  { "UBL-CR-408", "cac:Delivery/cac:MaximumDeliveryUnit" },
  { "UBL-CR-409", "cac:Delivery/cac:Shipment" },
  { "UBL-CR-410", "cac:DeliveryTerms" },
  { "UBL-CR-411", "cac:PaymentMeans/cbc:ID" },
  { "UBL-CR-412", "SPECIAL_NOT_CN:cac:PaymentMeans/cbc:PaymentDueDate" },
  { "UBL-CR-413", "cac:PaymentMeans/cbc:PaymentChannelCode" },
  { "UBL-CR-414", "cac:PaymentMeans/cbc:InstructionID" },
  { "UBL-CR-415", "cac:PaymentMeans/cac:CardAccount/cbc:CardTypeCode" },
  { "UBL-CR-416", "cac:PaymentMeans/cac:CardAccount/cbc:ValidityStartDate" },
  { "UBL-CR-417", "cac:PaymentMeans/cac:CardAccount/cbc:ExpiryDate" },
  { "UBL-CR-418", "cac:PaymentMeans/cac:CardAccount/cbc:IssuerID" },
  { "UBL-CR-419", "cac:PaymentMeans/cac:CardAccount/cbc:IssuerNumberID" },
  { "UBL-CR-420", "cac:PaymentMeans/cac:CardAccount/cbc:CV2ID" },
  { "UBL-CR-421", "cac:PaymentMeans/cac:CardAccount/cbc:CardChipCode" },
  { "UBL-CR-422", "cac:PaymentMeans/cac:CardAccount/cbc:ChipApplicationID" },
  { "UBL-CR-424", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AliasName" },
  { "UBL-CR-425", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountTypeCode" },
  { "UBL-CR-426", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountFormatCode" },
  { "UBL-CR-427", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:CurrencyCode" },
  { "UBL-CR-428", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:PaymentNote" },
  { "UBL-CR-429", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:Name" },
  { "UBL-CR-430", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:Name" },
  { "UBL-CR-431", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cac:Address" },
  { "UBL-CR-432", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:Address" },
  { "UBL-CR-433", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:Country" },
  { "UBL-CR-434", "cac:PaymentMeans/cac:CreditAccount" },
  { "UBL-CR-435", "cac:PaymentMeans/cac:PaymentMandate/cbc:MandateTypeCode" },
  { "UBL-CR-436", "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaymentInstructionsNumeric" },
  { "UBL-CR-437", "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaidAmount" },
  { "UBL-CR-438", "cac:PaymentMeans/cac:PaymentMandate/cbc:SignatureID" },
  { "UBL-CR-439", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerParty" },
  { "UBL-CR-440", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:Name" },
  { "UBL-CR-441", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AliasName" },
  { "UBL-CR-442", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountTypeCode" },
  { "UBL-CR-443", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountFormatCode" },
  { "UBL-CR-444", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:CurrencyCode" },
  { "UBL-CR-445", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:PaymentNote" },
  { "UBL-CR-446", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:FinancialInstitutionBranch" },
  { "UBL-CR-447", "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:Country" },
  { "UBL-CR-448", "cac:PaymentMeans/cac:PaymentMandate/cac:ValidityPeriod" },
  { "UBL-CR-449", "cac:PaymentMeans/cac:PaymentMandate/cac:PaymentReversalPeriod" },
  { "UBL-CR-450", "cac:PaymentMeans/cac:PaymentMandate/cac:Clause" },
  { "UBL-CR-451", "cac:PaymentMeans/cac:TradeFinancing" },
  { "UBL-CR-452", "cac:PaymentTerms/cbc:ID" },
  { "UBL-CR-453", "cac:PaymentTerms/cbc:PaymentMeansID" },
  { "UBL-CR-454", "cac:PaymentTerms/cbc:PrepaidPaymentReferenceID" },
  { "UBL-CR-455", "cac:PaymentTerms/cbc:ReferenceEventCode" },
  { "UBL-CR-456", "cac:PaymentTerms/cbc:SettlementDiscountPercent" },
  { "UBL-CR-457", "cac:PaymentTerms/cbc:PenaltySurchargePercent" },
  { "UBL-CR-458", "cac:PaymentTerms/cbc:PaymentPercent" },
  { "UBL-CR-459", "cac:PaymentTerms/cbc:Amount" },
  { "UBL-CR-460", "cac:PaymentTerms/cbc:SettlementDiscountAmount" },
  { "UBL-CR-461", "cac:PaymentTerms/cbc:PenaltyAmount" },
  { "UBL-CR-462", "cac:PaymentTerms/cbc:PaymentTermsDetailsURI" },
  { "UBL-CR-463", "cac:PaymentTerms/cbc:PaymentDueDate" },
  { "UBL-CR-464", "cac:PaymentTerms/cbc:InstallmentDueDate" },
  { "UBL-CR-465", "cac:PaymentTerms/cbc:InvoicingPartyReference" },
  { "UBL-CR-466", "cac:PaymentTerms/cac:SettlementPeriod" },
  { "UBL-CR-467", "cac:PaymentTerms/cac:PenaltyPeriod" },
  { "UBL-CR-468", "cac:PaymentTerms/cac:ExchangeRate" },
  { "UBL-CR-469", "cac:PaymentTerms/cac:ValidityPeriod" },
  { "UBL-CR-470", "cac:PrepaidPayment" },
  { "UBL-CR-471", "cac:AllowanceCharge/cbc:ID" },
  { "UBL-CR-472", "cac:AllowanceCharge/cbc:PrepaidIndicator" },
  { "UBL-CR-473", "cac:AllowanceCharge/cbc:SequenceNumeric" },
  { "UBL-CR-474", "cac:AllowanceCharge/cbc:AccountingCostCode" },
  { "UBL-CR-475", "cac:AllowanceCharge/cbc:AccountingCost" },
  { "UBL-CR-476", "cac:AllowanceCharge/cbc:PerUnitAmount" },
  { "UBL-CR-477", "cac:AllowanceCharge/cac:TaxCategory/cbc:Name" },
  { "UBL-CR-478", "cac:AllowanceCharge/cac:TaxCategory/cbc:BaseUnitMeasure" },
  { "UBL-CR-479", "cac:AllowanceCharge/cac:TaxCategory/cbc:PerUnitAmount" },
  { "UBL-CR-480", "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReasonCode" },
  { "UBL-CR-481", "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReason" },
  { "UBL-CR-482", "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRange" },
  { "UBL-CR-483", "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRatePercent" },
  { "UBL-CR-484", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-485", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-486", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-487", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress" },
  { "UBL-CR-488", "cac:AllowanceCharge/cac:TaxTotal" },
  { "UBL-CR-489", "cac:AllowanceCharge/cac:PaymentMeans" },
  { "UBL-CR-490", "cac:TaxExchangeRate" },
  { "UBL-CR-491", "cac:PricingExchangeRate" },
  { "UBL-CR-492", "cac:PaymentExchangeRate" },
  { "UBL-CR-493", "cac:PaymentAlternativeExchangeRate" },
  { "UBL-CR-494", "cac:TaxTotal/cbc:RoundingAmount" },
  { "UBL-CR-495", "cac:TaxTotal/cbc:TaxEvidenceIndicator" },
  { "UBL-CR-496", "cac:TaxTotal/cbc:TaxIncludedIndicator" },
  { "UBL-CR-497", "cac:TaxTotal/cac:TaxSubtotal/cbc:CalculationSequenceNumeric" },
  { "UBL-CR-498", "cac:TaxTotal/cac:TaxSubtotal/cbc:TransactionCurrencyTaxAmount" },
  { "UBL-CR-499", "cac:TaxTotal/cac:TaxSubtotal/cbc:Percent" },
  { "UBL-CR-500", "cac:TaxTotal/cac:TaxSubtotal/cbc:BaseUnitMeasure" },
  { "UBL-CR-501", "cac:TaxTotal/cac:TaxSubtotal/cbc:PerUnitAmount" },
  { "UBL-CR-502", "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRange" },
  { "UBL-CR-503", "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRatePercent" },
  { "UBL-CR-504", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Name" },
  { "UBL-CR-505", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:BaseUnitMeasure" },
  { "UBL-CR-506", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:PerUnitAmount" },
  { "UBL-CR-507", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRange" },
  { "UBL-CR-508", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRatePercent" },
  { "UBL-CR-509", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-510", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-511", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-512", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress" },
  { "UBL-CR-513", "cac:WithholdingTaxTotal" },
  { "UBL-CR-514", "cac:LegalMonetaryTotal/cbc:PayableAlternativeAmount" },
  { "UBL-CR-515", "LINE/cbc:UUID" },
  { "UBL-CR-516", "LINE/cbc:TaxPointDate" },
  { "UBL-CR-517", "LINE/cbc:AccountingCostCode" },
  { "UBL-CR-518", "LINE/cbc:PaymentPurposeCode" },
  { "UBL-CR-519", "LINE/cbc:FreeOfChargeIndicator" },
  { "UBL-CR-520", "LINE/cac:InvoicePeriod/cbc:StartTime" },
  { "UBL-CR-521", "LINE/cac:InvoicePeriod/cbc:EndTime" },
  { "UBL-CR-522", "LINE/cac:InvoicePeriod/cbc:DurationMeasure" },
  { "UBL-CR-523", "LINE/cac:InvoicePeriod/cbc:DescriptionCode" },
  { "UBL-CR-524", "LINE/cac:InvoicePeriod/cbc:Description" },
  { "UBL-CR-525", "LINE/cac:OrderLineReference/cbc:SalesOrderLineID" },
  { "UBL-CR-526", "LINE/cac:OrderLineReference/cbc:UUID" },
  { "UBL-CR-527", "LINE/cac:OrderLineReference/cbc:LineStatusCode" },
  { "UBL-CR-528", "LINE/cac:OrderLineReference/cac:OrderReference" },
  { "UBL-CR-529", "LINE/cac:DespatchLineReference" },
  { "UBL-CR-530", "LINE/cac:ReceiptLineReference" },
  { "UBL-CR-531", "LINE/cac:BillingReference" },
  { "UBL-CR-532", "LINE/cac:DocumentReference/cbc:CopyIndicator" },
  { "UBL-CR-533", "LINE/cac:DocumentReference/cbc:UUID" },
  { "UBL-CR-534", "LINE/cac:DocumentReference/cbc:IssueDate" },
  { "UBL-CR-535", "LINE/cac:DocumentReference/cbc:IssueTime" },
  { "UBL-CR-537", "LINE/cac:DocumentReference/cbc:DocumentType" },
  { "UBL-CR-538", "LINE/cac:DocumentReference/cbc:Xpath" },
  { "UBL-CR-539", "LINE/cac:DocumentReference/cbc:LanguageID" },
  { "UBL-CR-540", "LINE/cac:DocumentReference/cbc:LocaleCode" },
  { "UBL-CR-541", "LINE/cac:DocumentReference/cbc:VersionID" },
  { "UBL-CR-542", "LINE/cac:DocumentReference/cbc:DocumentStatusCode" },
  { "UBL-CR-543", "LINE/cac:DocumentReference/cbc:DocumentDescription" },
  { "UBL-CR-544", "LINE/cac:DocumentReference/cac:Attachment" },
  { "UBL-CR-545", "LINE/cac:DocumentReference/cac:ValidityPeriod" },
  { "UBL-CR-546", "LINE/cac:DocumentReference/cac:IssuerParty" },
  { "UBL-CR-547", "LINE/cac:DocumentReference/cac:ResultOfVerification" },
  { "UBL-CR-548", "LINE/cac:PricingReference" },
  { "UBL-CR-549", "LINE/cac:OriginatorParty" },
  { "UBL-CR-550", "LINE/cac:Delivery" },
  { "UBL-CR-551", "LINE/cac:PaymentTerms" },
  { "UBL-CR-552", "LINE/cac:AllowanceCharge/cbc:ID" },
  { "UBL-CR-553", "LINE/cac:AllowanceCharge/cbc:PrepaidIndicator" },
  { "UBL-CR-554", "LINE/cac:AllowanceCharge/cbc:SequenceNumeric" },
  { "UBL-CR-555", "LINE/cac:AllowanceCharge/cbc:AccountingCostCode" },
  { "UBL-CR-556", "LINE/cac:AllowanceCharge/cbc:AccountingCost" },
  { "UBL-CR-557", "LINE/cac:AllowanceCharge/cbc:PerUnitAmount" },
  { "UBL-CR-558", "LINE/cac:AllowanceCharge/cac:TaxCategory" },
  { "UBL-CR-559", "LINE/cac:AllowanceCharge/cac:TaxTotal" },
  { "UBL-CR-560", "LINE/cac:AllowanceCharge/cac:PaymentMeans" },
  { "UBL-CR-561", "LINE/cac:TaxTotal" },
  { "UBL-CR-562", "LINE/cac:WithholdingTaxTotal" },
  { "UBL-CR-563", "LINE/cac:Item/cbc:PackQuantity" },
  { "UBL-CR-564", "LINE/cac:Item/cbc:PackSizeNumeric" },
  { "UBL-CR-565", "LINE/cac:Item/cbc:CatalogueIndicator" },
  { "UBL-CR-566", "LINE/cac:Item/cbc:HazardousRiskIndicator" },
  { "UBL-CR-567", "LINE/cac:Item/cbc:AdditionalInformation" },
  { "UBL-CR-568", "LINE/cac:Item/cbc:Keyword" },
  { "UBL-CR-569", "LINE/cac:Item/cbc:BrandName" },
  { "UBL-CR-570", "LINE/cac:Item/cbc:ModelName" },
  { "UBL-CR-571", "LINE/cac:Item/cac:BuyersItemIdentification/cbc:ExtendedID" },
  { "UBL-CR-572", "LINE/cac:Item/cac:BuyersItemIdentification/cbc:BareCodeSymbologyID" },
  { "UBL-CR-573", "LINE/cac:Item/cac:BuyersItemIdentification/cac:PhysicalAttribute" },
  { "UBL-CR-574", "LINE/cac:Item/cac:BuyersItemIdentification/cac:MeasurementDimension" },
  { "UBL-CR-575", "LINE/cac:Item/cac:BuyersItemIdentification/cac:IssuerParty" },
  { "UBL-CR-576", "LINE/cac:Item/cac:SellersItemIdentification/cbc:ExtendedID" },
  { "UBL-CR-577", "LINE/cac:Item/cac:SellersItemIdentification/cbc:BareCodeSymbologyID" },
  { "UBL-CR-578", "LINE/cac:Item/cac:SellersItemIdentification/cac:PhysicalAttribute" },
  { "UBL-CR-579", "LINE/cac:Item/cac:SellersItemIdentification/cac:MeasurementDimension" },
  { "UBL-CR-580", "LINE/cac:Item/cac:SellersItemIdentification/cac:IssuerParty" },
  { "UBL-CR-581", "LINE/cac:Item/cac:ManufacturersItemIdentification" },
  { "UBL-CR-582", "LINE/cac:Item/cac:StandardItemIdentification/cbc:ExtendedID" },
  { "UBL-CR-583", "LINE/cac:Item/cac:StandardItemIdentification/cbc:BareCodeSymbologyID" },
  { "UBL-CR-584", "LINE/cac:Item/cac:StandardItemIdentification/cac:PhysicalAttribute" },
  { "UBL-CR-585", "LINE/cac:Item/cac:StandardItemIdentification/cac:MeasurementDimension" },
  { "UBL-CR-586", "LINE/cac:Item/cac:StandardItemIdentification/cac:IssuerParty" },
  { "UBL-CR-587", "LINE/cac:Item/cac:CatalogueItemIdentification" },
  { "UBL-CR-588", "LINE/cac:Item/cac:AdditionalItemIdentification" },
  { "UBL-CR-589", "LINE/cac:Item/cac:CatalogueDocumentReference" },
  { "UBL-CR-590", "LINE/cac:Item/cac:ItemSpecificationDocumentReference" },
  { "UBL-CR-591", "LINE/cac:Item/cac:OriginCountry/cbc:Name" },
  { "UBL-CR-592", "LINE/cac:Item/cac:CommodityClassification/cbc:NatureCode" },
  { "UBL-CR-593", "LINE/cac:Item/cac:CommodityClassification/cbc:CargoTypeCode" },
  { "UBL-CR-594", "LINE/cac:Item/cac:CommodityClassification/cbc:CommodityCode" },
  { "UBL-CR-595", "LINE/cac:Item/cac:TransactionConditions" },
  { "UBL-CR-596", "LINE/cac:Item/cac:HazardousItem" },
  { "UBL-CR-597", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:Name" },
  { "UBL-CR-598", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:BaseUnitMeasure" },
  { "UBL-CR-599", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:PerUnitAmount" },
  { "UBL-CR-600", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReasonCode" },
  { "UBL-CR-601", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason" },
  { "UBL-CR-602", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRange" },
  { "UBL-CR-603", "LINE/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRatePercent" },
  { "UBL-CR-604", "LINE/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:Name" },
  { "UBL-CR-605", "LINE/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:TaxTypeCode" },
  { "UBL-CR-606", "LINE/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:CurrencyCode" },
  { "UBL-CR-607", "LINE/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress" },
  { "UBL-CR-608", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:ID" },
  { "UBL-CR-609", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:NameCode" },
  { "UBL-CR-610", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:TestMethod" },
  { "UBL-CR-611", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity" },
  { "UBL-CR-612", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:ValueQualifier" },
  { "UBL-CR-613", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:ImportanceCode" },
  { "UBL-CR-614", "LINE/cac:Item/cac:AdditionalItemProperty/cbc:ListValue" },
  { "UBL-CR-615", "LINE/cac:Item/cac:AdditionalItemProperty/cac:UsabilityPeriod" },
  { "UBL-CR-616", "LINE/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyGroup" },
  { "UBL-CR-617", "LINE/cac:Item/cac:AdditionalItemProperty/cac:RangeDimension" },
  { "UBL-CR-618", "LINE/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyRange" },
  { "UBL-CR-619", "LINE/cac:Item/cac:ManufacturerParty" },
  { "UBL-CR-620", "LINE/cac:Item/cac:InformationContentProviderParty" },
  { "UBL-CR-621", "LINE/cac:Item/cac:OriginAddress" },
  { "UBL-CR-622", "LINE/cac:Item/cac:ItemInstance" },
  { "UBL-CR-623", "LINE/cac:Item/cac:Certificate" },
  { "UBL-CR-624", "LINE/cac:Item/cac:Dimension" },
  { "UBL-CR-625", "LINE/cac:Item/cac:Price/cbc:PriceChangeReason" },
  { "UBL-CR-626", "LINE/cac:Item/cac:Price/cbc:PriceTypeCode" },
  { "UBL-CR-627", "LINE/cac:Item/cac:Price/cbc:PriceType" },
  { "UBL-CR-628", "LINE/cac:Item/cac:Price/cbc:OrderableUnitFactorRate" },
  { "UBL-CR-629", "LINE/cac:Item/cac:Price/cbc:ValidityPeriod" },
  { "UBL-CR-630", "LINE/cac:Item/cac:Price/cbc:PriceList" },
  { "UBL-CR-632", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:ID" },
  { "UBL-CR-633", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode" },
  { "UBL-CR-634", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason" },
  { "UBL-CR-635", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric" },
  { "UBL-CR-636", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PrepaidIndicator" },
  { "UBL-CR-637", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:SequenceNumeric" },
  { "UBL-CR-638", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCostCode" },
  { "UBL-CR-639", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCost" },
  { "UBL-CR-640", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PerUnitAmount" },
  { "UBL-CR-641", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxCategory" },
  { "UBL-CR-642", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxTotal" },
  { "UBL-CR-643", "LINE/cac:Item/cac:Price/cac:AllowanceCharge/cac:PaymentMeans" },
  { "UBL-CR-644", "LINE/cac:Item/cac:Price/cac:PricingExchangeRate" },
  { "UBL-CR-645", "LINE/cac:DeliveryTerms" },
  { "UBL-CR-646", "LINE/cac:SubInvoiceLine" },
  { "UBL-CR-647", "LINE/cac:ItemPriceExtension" },
  { "UBL-CR-648", "cbc:CustomizationID/@schemeID" },
  { "UBL-CR-649", "cbc:ProfileID/@schemeID" },
  { "UBL-CR-650", "cbc:ID/@schemeID" },
  { "UBL-CR-651", "cbc:SalesOrderID/@schemeID" },
  { "UBL-CR-652", "//cac:PartyTaxScheme/cbc:CompanyID/@schemeID" },
  { "UBL-CR-653", "cac:PaymentMeans/cbc:PaymentID/@schemeID" },
  { "UBL-CR-654", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID/@schemeID" },
  { "UBL-CR-655", "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID/@schemeID" },
  { "UBL-CR-656", "cbc:InvoiceTypeCode/@listID" },
  { "UBL-CR-657", "cbc:DocumentCurrencyCode/@listID" },
  { "UBL-CR-658", "cbc:TaxCurrencyCode/@listID" },
  { "UBL-CR-659", "cac:AdditionalDocumentReference/cbc:DocumentTypeCode/@listID" },
  { "UBL-CR-660", "//cac:Country/cbc:IdentificationCode/@listID" },
  { "UBL-CR-661", "cac:PaymentMeans/cbc:PaymentMeansCode/@listID" },
  { "UBL-CR-662", "//cbc:AllowanceChargeReasonCode/@listID" },
  { "UBL-CR-663", "//@unitCodeListID" },
  { "UBL-CR-664", "//cac:FinancialInstitution" },
  { "UBL-CR-665", "SPECIAL_665" },
  { "UBL-CR-666", "SPECIAL_666" },
  { "UBL-CR-667", "//cac:BuyersItemIdentification/cbc:ID/@schemeID" },
  { "UBL-CR-668", "//cac:SellersItemIdentification/cbc:ID/@schemeID" },
  { "UBL-CR-669", "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode" },
  { "UBL-CR-670", "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason" },
  { "UBL-CR-671", "//cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric" },
  { "UBL-CR-672", "cbc:CreditNoteTypeCode/@listID" },
  { "UBL-CR-673", "SPECIAL_673" },
  { "UBL-CR-674", "//cbc:PrimaryAccountNumberID/@schemeID" },
  { "UBL-CR-675", "//cac:CardAccount/cbc:NetworkID/@schemeID" },
  { "UBL-CR-676", "//cac:PaymentMandate/cbc:ID/@schemeID" },
  { "UBL-CR-677", "//cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID/@schemeID" },
  { "UBL-CR-678", "//cac:TaxCategory/cbc:ID/@schemeID" },
  { "UBL-CR-679", "//cac:ClassifiedTaxCategory/cbc:ID/@schemeID" },
  { "UBL-CR-680", "//cac:PaymentMeans/cac:PayerFinancialAccount" },
  { "UBL-CR-681", "cac:PaymentMeans/cbc:InstructionNote" },
  { "UBL-CR-682", "cac:Delivery/cac:DeliveryAddress" },
};

typedef struct {
  uint64_t    hash;  /* FNV-1a 64 of path (exact paths only) */
  const char *path;
  unsigned    rule;  /* index in absent_rules */
} PathRule;

/* absent_rules' exact paths with their FNV-1a 64 hash, sorted by hash */
static const PathRule exact_paths[] = {
  { UINT64_C (0x005464568b29a6ed), "cbc:IssueTime", 5 },
  { UINT64_C (0x0113e1ddbe2be4d2), "cac:PaymentAlternativeExchangeRate", 490 },
  { UINT64_C (0x018463629c3d2d56), "cac:DespatchDocumentReference/cbc:LanguageID", 51 },
  { UINT64_C (0x01b78ce4aeae5344), "cac:PaymentMeans/cac:PaymentMandate/cbc:MandateTypeCode", 432 },
  { UINT64_C (0x01be9afc25738284), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cac:UsabilityPeriod", 611 },
  { UINT64_C (0x021b99c5b3acfbc1), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryTime", 122 },
  { UINT64_C (0x02392f1368e615d6), "cac:DespatchDocumentReference/cbc:LocaleCode", 52 },
  { UINT64_C (0x023f560286fefad2), "cac:PayeeParty/cac:Language", 269 },
  { UINT64_C (0x02841f6addc0e304), "cac:CreditNoteLine/cac:Item/cac:TransactionConditions", 591 },
  { UINT64_C (0x034501d859bea8cb), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:TaxLevelCode", 325 },
  { UINT64_C (0x034dbf8ce60cc6cf), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Room", 362 },
  { UINT64_C (0x03647eb66f60c28a), "cac:Delivery/cbc:LatestDeliveryDate", 345 },
  { UINT64_C (0x03e70fae71d66426), "cac:Delivery/cac:PromisedDeliveryPeriod", 382 },
  { UINT64_C (0x042a9583feab1cd7), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LocaleCode", 29 },
  { UINT64_C (0x049f138618c81388), "cac:BillingReference/cac:ReminderDocumentReference", 41 },
  { UINT64_C (0x055e5bad0fed771c), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode", 146 },
  { UINT64_C (0x06745d4638e26125), "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReasonCode", 477 },
  { UINT64_C (0x06900abeb4c3ecd4), "cac:LegalMonetaryTotal/cbc:PayableAlternativeAmount", 511 },
  { UINT64_C (0x06a50114e3a5e5b3), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:ID", 548 },
  { UINT64_C (0x06d89f7e1f3067a3), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReasonCode", 326 },
  { UINT64_C (0x06da1e6ea7e2604f), "cac:InvoiceLine/cac:BillingReference", 528 },
  { UINT64_C (0x070da32c6f3a5f86), "cac:InvoiceLine/cbc:FreeOfChargeIndicator", 516 },
  { UINT64_C (0x0721a2eeae1f4e58), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:NameCode", 605 },
  { UINT64_C (0x076dfff84749e742), "cac:AccountingCustomerParty/cac:Party/cbc:MarkAttentionIndicator", 203 },
  { UINT64_C (0x07e13190330fb59e), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode", 173 },
  { UINT64_C (0x0824ebf949013e93), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:UUID", 23 },
  { UINT64_C (0x0838081e778ae262), "cac:InvoiceLine/cac:PaymentTerms", 547 },
  { UINT64_C (0x087adb6f972e174b), "cac:InvoiceLine/cac:Item/cac:Price/cbc:PriceList", 626 },
  { UINT64_C (0x08bcab2963fd6650), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyRange", 614 },
  { UINT64_C (0x0909cf7ee24447bd), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:Address", 429 },
  { UINT64_C (0x0971ff4180c849a8), "cac:AdditionalDocumentReference/cbc:DocumentTypeCode/@listID", 654 },
  { UINT64_C (0x097603ae34e3dc35), "cbc:ProfileExecutionID", 2 },
  { UINT64_C (0x0999815e2c710657), "cac:AccountingCustomerParty/cac:Party/cac:Language", 207 },
  { UINT64_C (0x09dbc6538034d87f), "cac:Delivery/cac:DeliveryLocation/cac:ValidationPeriod", 356 },
  { UINT64_C (0x0a30580522f88d2c), "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:LocationCoordinate", 377 },
  { UINT64_C (0x0a654f789c1b9281), "cac:PricingExchangeRate", 488 },
  { UINT64_C (0x0bd10ddcafcd8fd2), "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:BareCodeSymbologyID", 579 },
  { UINT64_C (0x0bd5b1b4bdcaeb80), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress", 171 },
  { UINT64_C (0x0bd9c28cb7d8cb96), "cac:PayeeParty/cac:ServiceProviderParty", 289 },
  { UINT64_C (0x0c1c279c4a929642), "cac:InvoiceLine/cac:Item/cac:Price/cbc:PriceTypeCode", 622 },
  { UINT64_C (0x0c566d105db9d23b), "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:ExtendedID", 578 },
  { UINT64_C (0x0d1fa8ce07116352), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber", 153 },
  { UINT64_C (0x0d5a26135a2cd27c), "cac:CreditNoteLine/cac:DocumentReference/cbc:DocumentStatusCode", 538 },
  { UINT64_C (0x0db1605a1c5d2fcb), "cac:Delivery/cac:DeliveryTerms", 404 },
  { UINT64_C (0x0dbd85336e0cabf1), "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalForm", 277 },
  { UINT64_C (0x0dc86dbb666fc0cf), "cac:CreditNoteLine/cac:OrderLineReference/cac:OrderReference", 525 },
  { UINT64_C (0x0ddc675a2b47213f), "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentity", 351 },
  { UINT64_C (0x0deb3f6bd9f433d3), "cac:AllowanceCharge/cac:TaxCategory/cbc:Name", 474 },
  { UINT64_C (0x0e83fa402c898340), "cac:InvoiceLine/cac:AllowanceCharge/cac:TaxTotal", 555 },
  { UINT64_C (0x0e9090e5e7e1b9cc), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode", 237 },
  { UINT64_C (0x0f33c5f8ff7e67db), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator", 246 },
  { UINT64_C (0x1051f8ea794370ac), "cac:TaxRepresentativeParty/cac:Contact", 334 },
  { UINT64_C (0x10bba779ed40bdc4), "cac:InvoiceLine/cac:Item/cac:BuyersItemIdentification/cac:IssuerParty", 571 },
  { UINT64_C (0x10c5633cc849bf34), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity", 607 },
  { UINT64_C (0x10d29b83f8a75092), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReasonCode", 596 },
  { UINT64_C (0x10d6bde312e37478), "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRatePercent", 500 },
  { UINT64_C (0x110c348f7786db88), "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Note", 253 },
  { UINT64_C (0x12502fb5062c8682), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber", 216 },
  { UINT64_C (0x12fee4f40d0a9eb1), "cac:CreditNoteLine/cac:Item/cbc:CatalogueIndicator", 561 },
  { UINT64_C (0x138ab1608b8ab2a5), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AliasName", 438 },
  { UINT64_C (0x13aec82b727af95e), "cac:Delivery/cac:DeliveryLocation/cbc:Description", 349 },
  { UINT64_C (0x13e52a0cbdbc3498), "cac:Delivery/cac:MaximumDeliveryUnit", 406 },
  { UINT64_C (0x14455b45683bbace), "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode", 482 },
  { UINT64_C (0x1453523359bffcb7), "cac:Delivery/cbc:LatestDeliveryTime", 346 },
  { UINT64_C (0x14d007bdfa6e4203), "cac:ReceiptDocumentReference/cac:Attachment", 72 },
  { UINT64_C (0x14e6b68a2b3d5fb7), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode", 241 },
  { UINT64_C (0x1507cfe66f2d5592), "cbc:ProfileID/@schemeID", 644 },
  { UINT64_C (0x15687cfb6c3c53b3), "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:CargoTypeCode", 589 },
  { UINT64_C (0x16f687e570a3f8ca), "cac:AccountingCustomerParty/cbc:SupplierAssignedAccountID", 200 },
  { UINT64_C (0x171987cf25a13809), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Room", 307 },
  { UINT64_C (0x177c76f7a5531b31), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkAttention", 368 },
  { UINT64_C (0x1805a19da297c0cd), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:PlotIdentification", 370 },
  { UINT64_C (0x18181a8edbd95155), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:CurrencyCode", 602 },
  { UINT64_C (0x18451501f149a25d), "cac:InvoiceLine/cac:Item/cbc:BrandName", 565 },
  { UINT64_C (0x187946202fa219eb), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Floor", 212 },
  { UINT64_C (0x18c7b61f63296858), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode", 507 },
  { UINT64_C (0x18d3082d291dbd13), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:PerUnitAmount", 503 },
  { UINT64_C (0x1922bf1748cc7a53), "cbc:PaymentCurrencyCode", 7 },
  { UINT64_C (0x19db39674bc35193), "cac:CreditNoteLine/cac:DocumentReference/cbc:DocumentType", 533 },
  { UINT64_C (0x19dbae2a8aa9ab38), "cac:OrderReference/cbc:DocumentReference", 21 },
  { UINT64_C (0x1aa097b4c927262d), "cac:ReceiptDocumentReference/cac:ValidityPeriod", 73 },
  { UINT64_C (0x1abfb4733ae68e78), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:Name", 600 },
  { UINT64_C (0x1be7a8afd602b1db), "cac:InvoiceLine/cac:Item/cac:ManufacturerParty", 615 },
  { UINT64_C (0x1cd9cf2b7d7e0f6c), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountTypeCode", 439 },
  { UINT64_C (0x1ce36c1e0ed15a1a), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:NameCode", 605 },
  { UINT64_C (0x1ddbac1c11aaf2f2), "cbc:PaymentAlternativeCurrencyCode", 8 },
  { UINT64_C (0x1e65fa36e67e23dd), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:Name", 426 },
  { UINT64_C (0x1e777cd9391ce68f), "cac:PaymentTerms/cbc:PrepaidPaymentReferenceID", 451 },
  { UINT64_C (0x1eb3ad3e295ba83d), "cac:StatementDocumentReference", 76 },
  { UINT64_C (0x1eb688e13cdba599), "cac:AccountingCustomerParty/cbc:AdditionalAccountID", 201 },
  { UINT64_C (0x1f1d8232b4062f91), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:ValueQualifier", 608 },
  { UINT64_C (0x1f4782fb7a458c4c), "cac:InvoiceLine/cac:Item/cac:ItemInstance", 618 },
  { UINT64_C (0x1f9e803556e16600), "cac:InvoiceLine/cac:OrderLineReference/cbc:LineStatusCode", 524 },
  { UINT64_C (0x1fdb2755edca0baa), "cac:AllowanceCharge/cac:PaymentMeans", 486 },
  { UINT64_C (0x200e7a6eaee2c17a), "cac:TaxRepresentativeParty/cac:Language", 301 },
  { UINT64_C (0x20285872d412a155), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCostCode", 633 },
  { UINT64_C (0x20873d448e0ddcf5), "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:Name", 481 },
  { UINT64_C (0x20898a3d8f736eea), "cac:TaxTotal/cac:TaxSubtotal/cbc:Percent", 496 },
  { UINT64_C (0x20a6d8e467090ac7), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PerUnitAmount", 635 },
  { UINT64_C (0x214562c5f96e796c), "cac:AllowanceCharge/cbc:PerUnitAmount", 473 },
  { UINT64_C (0x2205894b1e8d3213), "cac:InvoiceLine/cac:DocumentReference/cbc:UUID", 530 },
  { UINT64_C (0x2226d75aedc22a78), "cac:PaymentTerms/cbc:ReferenceEventCode", 452 },
  { UINT64_C (0x226ec3e02c6d25fe), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:SequenceNumeric", 632 },
  { UINT64_C (0x22aef0b0cbe56192), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCost", 634 },
  { UINT64_C (0x22d5bb46676f91af), "cac:TaxTotal/cbc:TaxEvidenceIndicator", 492 },
  { UINT64_C (0x22e71c35c46980b7), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:ID", 627 },
  { UINT64_C (0x238df4709a74d8be), "cac:InvoiceLine/cac:Item/cac:ItemSpecificationDocumentReference", 586 },
  { UINT64_C (0x239e2c845b3b8e80), "cac:CreditNoteLine/cac:Item/cbc:AdditionalInformation", 563 },
  { UINT64_C (0x244ff2d27672e705), "cac:CreditNoteLine/cac:Item/cac:BuyersItemIdentification/cac:MeasurementDimension", 570 },
  { UINT64_C (0x24a80e7cfbcbd5db), "cac:PayeeParty/cac:AgentParty", 288 },
  { UINT64_C (0x251a9e231918467c), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode", 174 },
  { UINT64_C (0x2548a6fd572587d9), "cac:AllowanceCharge/cac:TaxCategory/cbc:PerUnitAmount", 476 },
  { UINT64_C (0x25712dc863de672f), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode", 147 },
  { UINT64_C (0x257887042e4a6277), "cbc:InvoiceTypeCode/@listID", 651 },
  { UINT64_C (0x25d59fd575f184be), "cac:ContractDocumentReference/cbc:UUID", 94 },
  { UINT64_C (0x2780a94b9512ba9a), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyRange", 614 },
  { UINT64_C (0x282edb0b7e298c62), "cac:TaxRepresentativeParty/cac:FinancialAccount", 339 },
  { UINT64_C (0x299b1fdc1439f6a7), "cbc:CreditNoteTypeCode/@listID", 667 },
  { UINT64_C (0x29a3200ca76e6e60), "cac:CreditNoteLine/cac:AllowanceCharge/cac:TaxCategory", 554 },
  { UINT64_C (0x29ab288cfea668c5), "cac:PayeeParty/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator", 278 },
  { UINT64_C (0x29d99836aed3dec5), "cac:AllowanceCharge/cac:TaxCategory/cbc:BaseUnitMeasure", 475 },
  { UINT64_C (0x2a1601f26f077374), "cac:PaymentMeans/cac:CreditAccount", 431 },
  { UINT64_C (0x2a28d10f6a0905ef), "cac:AccountingCustomerParty/cac:Party/cac:Contact/cac:OtherCommunication", 254 },
  { UINT64_C (0x2a74dc06a42883a6), "cac:Delivery/cac:DeliveryLocation/cbc:Conditions", 350 },
  { UINT64_C (0x2ae4d5809c89a9a1), "cac:InvoiceLine/cac:Item/cac:Price/cbc:OrderableUnitFactorRate", 624 },
  { UINT64_C (0x2bd7002fbd12c4df), "cac:InvoiceLine/cac:DocumentReference/cbc:Xpath", 534 },
  { UINT64_C (0x2c965eae3206f68a), "cac:InvoiceLine/cac:Item/cac:OriginAddress", 617 },
  { UINT64_C (0x2ca4138199c0f71a), "cac:InvoiceLine/cac:Item/cac:BuyersItemIdentification/cbc:ExtendedID", 567 },
  { UINT64_C (0x2cd74093f1e7e5ee), "cac:Delivery/cbc:ActualDeliveryTime", 344 },
  { UINT64_C (0x2d09a6f3878cd9af), "cac:PaymentMeans/cbc:InstructionNote", 676 },
  { UINT64_C (0x2d710998adead665), "cac:CreditNoteLine/cac:InvoicePeriod/cbc:DescriptionCode", 520 },
  { UINT64_C (0x2dcb5b1ae348a3ea), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AliasName", 421 },
  { UINT64_C (0x2ddf835cab09d8aa), "cac:InvoiceLine/cac:Item/cac:BuyersItemIdentification/cac:PhysicalAttribute", 569 },
  { UINT64_C (0x2e76c8a8eae6db36), "cac:AccountingSupplierParty/cac:Party/cac:AgentParty", 192 },
  { UINT64_C (0x2ecb1e6b1ad4ebde), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:InhouseMail", 366 },
  { UINT64_C (0x2f5211ef6229b420), "cac:InvoiceLine/cac:Item/cac:AdditionalItemIdentification", 584 },
  { UINT64_C (0x2f523b80fc5c877f), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:TaxTypeCode", 601 },
  { UINT64_C (0x2fb0e34df025da35), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate", 176 },
  { UINT64_C (0x302dc327f4010dbf), "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRatePercent", 480 },
  { UINT64_C (0x304cda7fb0ec11f9), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason", 597 },
  { UINT64_C (0x30948443fb949776), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name", 227 },
  { UINT64_C (0x309dc15690afed67), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:Description", 128 },
  { UINT64_C (0x30acc0ea7af26081), "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ExtendedID", 578 },
  { UINT64_C (0x30c36dbbefa7a820), "cac:CreditNoteLine/cac:OrderLineReference/cbc:UUID", 523 },
  { UINT64_C (0x31c51f897322b6dd), "cac:InvoiceLine/cac:AllowanceCharge/cbc:AccountingCostCode", 551 },
  { UINT64_C (0x3207d420f8fc68db), "cac:CreditNoteLine/cac:Item/cbc:BrandName", 565 },
  { UINT64_C (0x32bd57318e02238d), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:PriceChangeReason", 621 },
  { UINT64_C (0x32f0b09149cde52f), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:EncodingCode", 125 },
  { UINT64_C (0x330acc41df8fba14), "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:BareCodeSymbologyID", 579 },
  { UINT64_C (0x33224f2c5a49f34e), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CountrySubentityCode", 372 },
  { UINT64_C (0x333e735fe459f652), "cac:Delivery/cac:MinimumDeliveryUnit", 405 },
  { UINT64_C (0x33faadd6d018efd7), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", 628 },
  { UINT64_C (0x33fcae1409ef9214), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyGroup", 612 },
  { UINT64_C (0x3475450ea5aa709d), "cac:CreditNoteLine/cac:Delivery", 546 },
  { UINT64_C (0x34a21ba150ae41d2), "cac:CreditNoteLine/cac:Item/cbc:Keyword", 564 },
  { UINT64_C (0x34d9e919e77f2ef4), "cac:PayeeParty/cac:Contact", 286 },
  { UINT64_C (0x3568f08653b0791c), "cac:ReceiptDocumentReference/cbc:UUID", 61 },
  { UINT64_C (0x356a81f1b7246d38), "cac:PayeeParty/cac:PartyLegalEntity/cac:HeadOfficeParty", 284 },
  { UINT64_C (0x3626bd2b896d68ab), "cac:InvoiceLine/cbc:PaymentPurposeCode", 515 },
  { UINT64_C (0x368f77fe7558a7dd), "cac:ContractDocumentReference/cbc:DocumentTypeCode", 97 },
  { UINT64_C (0x36d5a29dfc2262f2), "cac:AccountingCustomerParty/cbc:CustomerAssignedAccountID", 199 },
  { UINT64_C (0x36de240917483fb0), "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReason", 478 },
  { UINT64_C (0x3717bff89dc85996), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxTotal", 637 },
  { UINT64_C (0x37219bbbf559507f), "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cac:IssuerParty", 582 },
  { UINT64_C (0x37b3eaecf583acef), "cac:CreditNoteLine/cac:Item/cac:BuyersItemIdentification/cbc:BareCodeSymbologyID", 568 },
  { UINT64_C (0x37d523547892eb85), "cac:AccountingCustomerParty/cac:Party/cac:PowerOfAttorney", 258 },
  { UINT64_C (0x38318c782e84aa22), "cac:CreditNoteLine/cac:OrderLineReference/cbc:LineStatusCode", 524 },
  { UINT64_C (0x385fff5bf6d6d132), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemIdentification", 584 },
  { UINT64_C (0x38a8b31ca3840fb2), "cac:ContractDocumentReference/cbc:LanguageID", 100 },
  { UINT64_C (0x399d6e54565fdc4c), "cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:CommodityCode", 590 },
  { UINT64_C (0x39b7a200741ec42b), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset", 163 },
  { UINT64_C (0x3aac4ff643bfbb3b), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset", 226 },
  { UINT64_C (0x3acf4fc8106ebd79), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty", 249 },
  { UINT64_C (0x3aea1c042fcf495d), "cac:PaymentTerms/cac:SettlementPeriod", 463 },
  { UINT64_C (0x3b7510bbc9b09adc), "cac:InvoiceLine/cac:ReceiptLineReference", 527 },
  { UINT64_C (0x3ba9b898c491344c), "cac:OriginatorDocumentReference/cbc:IssueDate", 79 },
  { UINT64_C (0x3bb06961973682ff), "cbc:PricingCurrencyCode", 6 },
  { UINT64_C (0x3cb2dc0229fc9056), "cac:Delivery/cac:DeliveryParty/cac:PhysicalLocation", 393 },
  { UINT64_C (0x3cd3814443bb9a82), "cac:ReceiptDocumentReference/cbc:IssueDate", 62 },
  { UINT64_C (0x3d3ab34294b72fda), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:ID", 208 },
  { UINT64_C (0x3da68c2250e31c9e), "cac:OriginatorDocumentReference/cbc:LanguageID", 84 },
  { UINT64_C (0x3ea0acc811cee4bb), "cac:AccountingCustomerParty/cac:DeliveryContact", 260 },
  { UINT64_C (0x3fb0d3b9f6ba109e), "cac:TaxRepresentativeParty/cac:ServiceProviderParty", 337 },
  { UINT64_C (0x3fe3a8be5c994200), "cac:BillingReference/cac:InvoiceDocumentReference/cac:Attachment", 33 },
  { UINT64_C (0x3fef49f74f177308), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress", 247 },
  { UINT64_C (0x406f92e2c232bfcc), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Name", 593 },
  { UINT64_C (0x41159c76f846a3f0), "cac:AccountingSupplierParty/cbc:DataSendingCapability", 138 },
  { UINT64_C (0x4144b7443d67f9f0), "cac:Delivery/cac:CarrierParty", 383 },
  { UINT64_C (0x417bd3d191153593), "cac:CreditNoteLine/cac:Item/cbc:PackQuantity", 559 },
  { UINT64_C (0x419c32d24996da67), "cac:BillingReference/cac:SelfBilledCreditNoteDocumentReference", 39 },
  { UINT64_C (0x41d215e4b9bc5649), "cac:CreditNoteLine/cac:WithholdingTaxTotal", 558 },
  { UINT64_C (0x41ef8e5e6fe65899), "cac:Delivery/cac:DeliveryParty/cbc:EndpointID", 388 },
  { UINT64_C (0x423234902e2f75c2), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme", 248 },
  { UINT64_C (0x42e05fff78c5349b), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkCare", 157 },
  { UINT64_C (0x430b6ef0a68abdff), "cac:AccountingCustomerParty/cac:Party/cac:FinancialAccount", 259 },
  { UINT64_C (0x434ab8555cc28dbd), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PerUnitAmount", 635 },
  { UINT64_C (0x43523ce614b771ef), "cac:AllowanceCharge/cac:TaxTotal", 485 },
  { UINT64_C (0x4352a3421ad0f70b), "cac:InvoicePeriod/cbc:Description", 14 },
  { UINT64_C (0x438755c7fcb22433), "cac:PaymentTerms/cbc:SettlementDiscountPercent", 453 },
  { UINT64_C (0x440995c655b681b3), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode", 244 },
  { UINT64_C (0x44559378af4044db), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Floor", 149 },
  { UINT64_C (0x44afbdf6994d4150), "cac:CreditNoteLine/cac:DocumentReference/cbc:CopyIndicator", 529 },
  { UINT64_C (0x4509e2e1b3871e63), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode", 180 },
  { UINT64_C (0x45d44582644e2a2e), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PrepaidIndicator", 631 },
  { UINT64_C (0x460139a76ab5af65), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress", 509 },
  { UINT64_C (0x4649eef1d72b7ed3), "cac:InvoiceLine/cac:Item/cac:Price/cbc:PriceChangeReason", 621 },
  { UINT64_C (0x465a0f02b59533e6), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:CopyIndicator", 22 },
  { UINT64_C (0x491901cf0adabb3d), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:RegistrationAddress", 328 },
  { UINT64_C (0x49b07f8472867c7a), "cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:NatureCode", 588 },
  { UINT64_C (0x4a09a239b855d23b), "cac:AccountingCustomerParty/cac:Party/cbc:IndustryClassificationCode", 206 },
  { UINT64_C (0x4a16326b064d8192), "cac:ReceiptDocumentReference/cbc:DocumentType", 65 },
  { UINT64_C (0x4a34c832f2869f1b), "cac:OriginatorDocumentReference/cbc:DocumentStatusCode", 87 },
  { UINT64_C (0x4a3c40d761aaa44d), "cac:SellerSupplierParty", 293 },
  { UINT64_C (0x4a8d83b506e2ce65), "cac:InvoiceLine/cbc:UUID", 512 },
  { UINT64_C (0x4aae14d24f86c42d), "cac:BillingReference/cac:SelfBilledInvoiceDocumentReference", 37 },
  { UINT64_C (0x4af563b77cf39285), "cac:CreditNoteLine/cbc:TaxPointDate", 513 },
  { UINT64_C (0x4d86250ead47630b), "cac:TaxRepresentativeParty/cbc:MarkAttentionIndicator", 295 },
  { UINT64_C (0x4d9c299d67e5d077), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode", 330 },
  { UINT64_C (0x4e7cc2fe570a33d8), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingName", 152 },
  { UINT64_C (0x4ec06512b59fb66c), "cac:Delivery/cbc:MaximumQuantity", 343 },
  { UINT64_C (0x4ed42ef2b7471706), "cac:AccountingCustomerParty/cac:Party/cac:AgentParty", 256 },
  { UINT64_C (0x4eecd9dbf50d24ba), "cac:Delivery/cac:DeliveryParty/cbc:MarkCareIndicator", 384 },
  { UINT64_C (0x4f3ecbeb408b8fa5), "cac:DespatchDocumentReference/cac:Attachment", 56 },
  { UINT64_C (0x500a2f21d5cf66a9), "cac:PaymentMeans/cac:CardAccount/cbc:ExpiryDate", 415 },
  { UINT64_C (0x500c52d185d95e62), "cac:InvoiceLine/cac:Item/cac:HazardousItem", 592 },
  { UINT64_C (0x503166e0349dff95), "cac:ReceiptDocumentReference/cac:ResultOfVerification", 75 },
  { UINT64_C (0x505b1c7a8bf3be24), "cbc:DocumentCurrencyCode/@listID", 652 },
  { UINT64_C (0x505e8ff218d46f5a), "cac:TaxTotal/cac:TaxSubtotal/cbc:CalculationSequenceNumeric", 494 },
  { UINT64_C (0x52cf6ab6b3d0d82d), "cac:CreditNoteLine/cac:Item/cac:SellersItemIdentification/cac:MeasurementDimension", 575 },
  { UINT64_C (0x5313481b27335a16), "cac:OriginatorDocumentReference/cbc:DocumentDescription", 88 },
  { UINT64_C (0x53222fbc7114e5f6), "cac:InvoiceLine/cac:TaxTotal", 557 },
  { UINT64_C (0x5328011cd0e7a8ad), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:TestMethod", 606 },
  { UINT64_C (0x532cd83300af065c), "cac:InvoiceLine/cac:Item/cac:CatalogueItemIdentification", 583 },
  { UINT64_C (0x53b4cb4ad0bddba1), "cac:OriginatorDocumentReference/cbc:DocumentTypeCode", 81 },
  { UINT64_C (0x53eb29e09acd9d82), "cac:InvoiceLine/cac:Item/cac:OriginCountry/cbc:Name", 587 },
  { UINT64_C (0x53f1e6432b8267f2), "cac:InvoiceLine/cac:InvoicePeriod/cbc:Description", 521 },
  { UINT64_C (0x543dcd01695baa63), "cac:PayeeParty/cbc:MarkAttentionIndicator", 264 },
  { UINT64_C (0x544da9100596d8fc), "cac:InvoiceLine/cac:InvoicePeriod/cbc:EndTime", 518 },
  { UINT64_C (0x54737e96a8db5d15), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:ImportanceCode", 609 },
  { UINT64_C (0x550c4a5a28e94000), "cac:AdditionalDocumentReference/cbc:DocumentStatusCode", 118 },
  { UINT64_C (0x557346a7ed298986), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:District", 374 },
  { UINT64_C (0x5612eaf9b1c4cd85), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", 628 },
  { UINT64_C (0x563ed1caa3a79cc0), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator", 179 },
  { UINT64_C (0x56551e680d3e790c), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode", 209 },
  { UINT64_C (0x56e50313158aa753), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason", 233 },
  { UINT64_C (0x56f12d62ca910820), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkAttention", 156 },
  { UINT64_C (0x5710924d064bfd2b), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:ImportanceCode", 609 },
  { UINT64_C (0x579660b4b334f609), "cac:AccountingCustomerParty/cac:Party/cbc:WebsiteURI", 204 },
  { UINT64_C (0x57bdae539c491f1e), "cac:CreditNoteLine/cac:InvoicePeriod/cbc:DurationMeasure", 519 },
  { UINT64_C (0x5805981e2eb6228c), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:PrepaidIndicator", 631 },
  { UINT64_C (0x5809e5794cc8855c), "cac:PaymentTerms/cac:ExchangeRate", 465 },
  { UINT64_C (0x582f1af59dc042fa), "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:CommodityCode", 590 },
  { UINT64_C (0x583e925b11c5e398), "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Note", 189 },
  { UINT64_C (0x5897d8cd36917f53), "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cac:PhysicalAttribute", 580 },
  { UINT64_C (0x58fcf1a0169f0ac9), "cac:ReceiptDocumentReference/cbc:DocumentStatusCode", 70 },
  { UINT64_C (0x5948f4a19a391bd7), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:TestMethod", 606 },
  { UINT64_C (0x595d8c3bb7be3a03), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:Country", 444 },
  { UINT64_C (0x599c92f5d34c77dd), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:ID", 604 },
  { UINT64_C (0x59d65a5d8e6aea27), "cac:PaymentMeans/cac:CardAccount/cbc:ChipApplicationID", 420 },
  { UINT64_C (0x59e01ce628947386), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name", 164 },
  { UINT64_C (0x59e285a416f77852), "cac:TaxRepresentativeParty/cac:PartyIdentification", 300 },
  { UINT64_C (0x5a3c7db65926b94a), "cac:PaymentTerms/cbc:PaymentDueDate", 460 },
  { UINT64_C (0x5a60b6a1100ab80c), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxCategory", 636 },
  { UINT64_C (0x5a7aa567ae2659d1), "cac:ContractDocumentReference/cbc:CopyIndicator", 93 },
  { UINT64_C (0x5a92b3c085f54666), "cac:InvoiceLine/cac:DocumentReference/cbc:CopyIndicator", 529 },
  { UINT64_C (0x5a93e1407170f6ae), "cac:OriginatorDocumentReference/cbc:LocaleCode", 85 },
  { UINT64_C (0x5aedb48d6aca35e6), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress", 238 },
  { UINT64_C (0x5b5dddfb5dd60005), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name", 172 },
  { UINT64_C (0x5b7937eace35dbe5), "cac:OriginatorDocumentReference/cbc:CopyIndicator", 77 },
  { UINT64_C (0x5b8e9c0c804e3481), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerParty", 436 },
  { UINT64_C (0x5bda1610aa83df1d), "cac:PaymentMeans/cac:CardAccount/cbc:IssuerNumberID", 417 },
  { UINT64_C (0x5c3dc2132667771b), "cac:PayeeParty/cac:PartyLegalEntity/cac:CorporateRegistrationScheme", 283 },
  { UINT64_C (0x5c4feaa145924492), "cac:CreditNoteLine/cac:DespatchLineReference", 526 },
  { UINT64_C (0x5ca675ff9d123331), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric", 630 },
  { UINT64_C (0x5d1f33f2fe528114), "cac:ReceiptDocumentReference/cbc:DocumentDescription", 71 },
  { UINT64_C (0x5d25a02268aa4007), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode", 178 },
  { UINT64_C (0x5dc1d4703a82d7d8), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate", 240 },
  { UINT64_C (0x5dff4afb74a9c8e6), "cac:BillingReference/cac:InvoiceDocumentReference/cac:ResultOfVerification", 36 },
  { UINT64_C (0x5e415c19bc1d3392), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity", 607 },
  { UINT64_C (0x5e5448398b3d439e), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxCategory", 636 },
  { UINT64_C (0x5ec7cfd2774331d8), "cac:OriginatorDocumentReference/cbc:Xpath", 83 },
  { UINT64_C (0x5f0d8bd85c5367ff), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Region", 224 },
  { UINT64_C (0x5f1515abe20e3fbf), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressTypeCode", 303 },
  { UINT64_C (0x5f35a3db4ab12a30), "cac:CreditNoteLine/cac:PaymentTerms", 547 },
  { UINT64_C (0x5f438531d877dcba), "cac:ContractDocumentReference/cbc:DocumentDescription", 104 },
  { UINT64_C (0x5fd7d59ecf99aa94), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cac:Address", 428 },
  { UINT64_C (0x5feb84563992f4ee), "cac:CreditNoteLine/cac:Item/cbc:PackSizeNumeric", 560 },
  { UINT64_C (0x601abcfa98f82d12), "cac:AccountingSupplierParty/cac:Party/cbc:MarkAttentionIndicator", 140 },
  { UINT64_C (0x603489fc13452442), "cac:Delivery/cac:DeliveryParty/cac:PowerOfAttorney", 400 },
  { UINT64_C (0x6041d2d262982164), "cac:ContractDocumentReference/cbc:Xpath", 99 },
  { UINT64_C (0x613e5ebe348af5f2), "cac:TaxRepresentativeParty/cac:PostalAddress/cac:LocationCoordinate", 322 },
  { UINT64_C (0x6184e3115acc55b9), "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRange", 479 },
  { UINT64_C (0x61a71e87974abe6c), "cac:CreditNoteLine/cbc:FreeOfChargeIndicator", 516 },
  { UINT64_C (0x62b70d3826c65692), "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cac:MeasurementDimension", 581 },
  { UINT64_C (0x62f91c7e380d8afa), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason", 629 },
  { UINT64_C (0x63af2d54420c3214), "cbc:AccountingCostCode", 9 },
  { UINT64_C (0x64622aef93a2a717), "cac:PaymentTerms/cbc:PaymentMeansID", 450 },
  { UINT64_C (0x648b1813de36504f), "cac:PayeeParty/cac:PartyLegalEntity/cbc:CorporationStockAmount", 280 },
  { UINT64_C (0x64bc07932564b896), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification", 158 },
  { UINT64_C (0x64f504c90ec803e0), "cac:PaymentMeans/cbc:ID", 409 },
  { UINT64_C (0x652befa3522abe13), "cac:AccountingSupplierParty/cac:Party/cac:PhysicalLocation", 166 },
  { UINT64_C (0x653ebcbc40874214), "cac:CreditNoteLine/cac:Item/cbc:HazardousRiskIndicator", 562 },
  { UINT64_C (0x654604cdf17d769a), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode", 169 },
  { UINT64_C (0x65a926207c111132), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty", 250 },
  { UINT64_C (0x6627b6fe381472ce), "cac:PaymentMeans/cac:CardAccount/cbc:CV2ID", 418 },
  { UINT64_C (0x668b03b0cc0be830), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress", 234 },
  { UINT64_C (0x66ad331043aaad02), "cac:CreditNoteLine/cac:SubInvoiceLine", 641 },
  { UINT64_C (0x6736e21bb0dca85f), "cac:AllowanceCharge/cbc:AccountingCost", 472 },
  { UINT64_C (0x674b47f249febc43), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate", 228 },
  { UINT64_C (0x6783b44517db0fc8), "cac:AccountingSupplierParty/cac:AccountingContact", 197 },
  { UINT64_C (0x67aacf65783614f8), "cac:AccountingCustomerParty/cac:AccountingContact", 261 },
  { UINT64_C (0x6877e68b67c85205), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRatePercent", 505 },
  { UINT64_C (0x687b4e302d3d754e), "cac:PaymentMeans/cac:PaymentMandate/cbc:SignatureID", 435 },
  { UINT64_C (0x6952463f854bb508), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentTypeCode", 25 },
  { UINT64_C (0x69605b16b5c30d0c), "cac:Delivery/cac:DeliveryLocation/cac:LocationCoordinate", 379 },
  { UINT64_C (0x6976e2db7fdf6c63), "cac:DespatchDocumentReference/cbc:DocumentStatusCode", 54 },
  { UINT64_C (0x699efa44c5ab3a5d), "cac:PayeeParty/cac:PartyLegalEntity/cac:ShareholderParty", 285 },
  { UINT64_C (0x6a0c9db4b830f3ec), "cac:CreditNoteLine/cac:DocumentReference/cbc:IssueTime", 532 },
  { UINT64_C (0x6a0d343c2085a22c), "cac:InvoiceLine/cac:Item/cbc:Keyword", 564 },
  { UINT64_C (0x6a329983ea486104), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:InhouseMail", 311 },
  { UINT64_C (0x6a3425cd9eecdb62), "cac:TaxRepresentativeParty/cac:PowerOfAttorney", 338 },
  { UINT64_C (0x6a6eff7870e32527), "cac:ContractDocumentReference/cac:ValidityPeriod", 106 },
  { UINT64_C (0x6a7300d3149c039e), "cac:PayeeParty/cac:PhysicalLocation", 271 },
  { UINT64_C (0x6b0b101484a95457), "cac:InvoiceLine/cac:DocumentReference/cbc:LocaleCode", 536 },
  { UINT64_C (0x6b6906b223769bda), "cac:OriginatorDocumentReference/cbc:UUID", 78 },
  { UINT64_C (0x6bad6f9967f2820f), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Region", 161 },
  { UINT64_C (0x6c541764b1131e66), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification", 221 },
  { UINT64_C (0x6c5fed18dcc4938b), "cac:AllowanceCharge/cbc:PrepaidIndicator", 469 },
  { UINT64_C (0x6cf78c114c5072a3), "cac:ContractDocumentReference/cac:ResultOfVerification", 108 },
  { UINT64_C (0x6d154a7440d2acca), "cac:InvoiceLine/cac:Item/cac:InformationContentProviderParty", 616 },
  { UINT64_C (0x6d22d058114b4ccf), "cac:CreditNoteLine/cac:DocumentReference/cbc:DocumentDescription", 539 },
  { UINT64_C (0x6d33752645996eec), "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode", 483 },
  { UINT64_C (0x6d39f8da50f3d159), "cac:PaymentExchangeRate", 489 },
  { UINT64_C (0x6e390d4a8e9bbe84), "cac:OrderReference/cbc:IssueTime", 18 },
  { UINT64_C (0x6e498a7b4cfef935), "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cbc:BareCodeSymbologyID", 573 },
  { UINT64_C (0x6e59e28bc941a234), "cac:AccountingCustomerParty/cac:Party/cac:Person", 255 },
  { UINT64_C (0x6fb1678494ba1b49), "cac:InvoiceLine/cac:Item/cac:BuyersItemIdentification/cbc:BareCodeSymbologyID", 568 },
  { UINT64_C (0x6fc52819e0d1bf27), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric", 630 },
  { UINT64_C (0x70b9d626c7e6459c), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:FinancialInstitutionBranch", 443 },
  { UINT64_C (0x70c08771cec253f6), "cac:TaxTotal/cac:TaxSubtotal/cbc:PerUnitAmount", 498 },
  { UINT64_C (0x71035c63896a4e82), "cac:TaxRepresentativeParty/cac:PartyLegalEntity", 333 },
  { UINT64_C (0x7136241a2a7f3496), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName", 222 },
  { UINT64_C (0x7207025b46eb5f14), "cac:PaymentMeans/cac:CardAccount/cbc:ValidityStartDate", 414 },
  { UINT64_C (0x7375845eda762704), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRange", 598 },
  { UINT64_C (0x73b573b74aab85dd), "cac:DespatchDocumentReference/cbc:CopyIndicator", 44 },
  { UINT64_C (0x73cdf97b44c16701), "cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:CargoTypeCode", 589 },
  { UINT64_C (0x73da045a57e17d42), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty", 186 },
  { UINT64_C (0x742a7d9a2a62520e), "cac:InvoiceLine/cac:DocumentReference/cac:ValidityPeriod", 541 },
  { UINT64_C (0x745ef59eb9f38654), "cac:DespatchDocumentReference/cbc:IssueDate", 46 },
  { UINT64_C (0x747c01e5f19754bc), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:BaseUnitMeasure", 594 },
  { UINT64_C (0x74dc31d129aa7038), "cac:ContractDocumentReference/cbc:DocumentType", 98 },
  { UINT64_C (0x752e5ca0d220e60a), "cac:TaxTotal/cac:TaxSubtotal/cbc:BaseUnitMeasure", 497 },
  { UINT64_C (0x7538d848d2d6be61), "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaymentInstructionsNumeric", 433 },
  { UINT64_C (0x7555ec28dbd2d532), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:MimeCode", 123 },
  { UINT64_C (0x7562653faa630507), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LanguageID", 28 },
  { UINT64_C (0x75dfc4253b88cd00), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Room", 213 },
  { UINT64_C (0x762a0edd04adf446), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Postbox", 148 },
  { UINT64_C (0x764fc0904b01aebe), "cac:ContractDocumentReference/cbc:VersionID", 102 },
  { UINT64_C (0x769b3d1ed1ebb48f), "cac:AccountingSupplierParty/cac:Party/cac:ServiceProviderParty", 193 },
  { UINT64_C (0x76ab8693129b8163), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress", 332 },
  { UINT64_C (0x76b1d6b539306255), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Postbox", 305 },
  { UINT64_C (0x76cf5a7d7bd2fb65), "cac:CreditNoteLine/cac:Item/cac:ManufacturerParty", 615 },
  { UINT64_C (0x772a57abff8b64af), "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Telefax", 188 },
  { UINT64_C (0x77f763bc86aa9195), "ext:UBLExtensions", 0 },
  { UINT64_C (0x780026025a3f1f81), "cac:AdditionalDocumentReference/cbc:LocaleCode", 116 },
  { UINT64_C (0x78ee2bb7f4d0065b), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingNumber", 310 },
  { UINT64_C (0x78f0088b3be8a5e3), "cac:TaxRepresentativeParty/cac:AgentParty", 336 },
  { UINT64_C (0x790d44d843c2ac01), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:TaxTypeCode", 601 },
  { UINT64_C (0x792dca7732520038), "cac:CreditNoteLine/cac:ItemPriceExtension", 642 },
  { UINT64_C (0x793fb425ae1e4068), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressFormatCode", 304 },
  { UINT64_C (0x7a0a48f2f7327506), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Name", 593 },
  { UINT64_C (0x7a83f4c6727e1757), "cac:InvoiceLine/cac:WithholdingTaxTotal", 558 },
  { UINT64_C (0x7af826ab798ecb33), "cac:PaymentMeans/cac:PaymentMandate/cac:Clause", 447 },
  { UINT64_C (0x7ba0a78f685df0e5), "cac:InvoiceLine/cac:AllowanceCharge/cbc:PerUnitAmount", 553 },
  { UINT64_C (0x7bbfeb64e594ce18), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:District", 319 },
  { UINT64_C (0x7c11718f435382f2), "cac:PayeeParty/cbc:LogoReferenceID", 266 },
  { UINT64_C (0x7cc9dc2c97b6fdba), "cac:WithholdingTaxTotal", 510 },
  { UINT64_C (0x7ccaae6032eec5ab), "cac:OrderReference/cbc:OrderTypeCode", 20 },
  { UINT64_C (0x7cfe1e2c61ce71a2), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkCare", 314 },
  { UINT64_C (0x7d2befae04c97f7f), "cac:InvoiceLine/cbc:AccountingCostCode", 514 },
  { UINT64_C (0x7d53e8f44c90ea69), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:PriceType", 623 },
  { UINT64_C (0x7e4d00ac55e654c1), "cac:CreditNoteLine/cac:OriginatorParty", 545 },
  { UINT64_C (0x7e93522b2e0349fa), "cac:InvoiceLine/cac:DocumentReference/cac:IssuerParty", 542 },
  { UINT64_C (0x7e9cf2f6fd489cdf), "cac:CreditNoteLine/cac:Item/cac:CatalogueDocumentReference", 585 },
  { UINT64_C (0x7f6659c54f3a4273), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CitySubdivisionName", 371 },
  { UINT64_C (0x7f82560089aa4aa7), "cac:InvoiceLine/cbc:TaxPointDate", 513 },
  { UINT64_C (0x7fd2fc32fca36644), "cac:InvoiceLine/cac:AllowanceCharge/cbc:PrepaidIndicator", 549 },
  { UINT64_C (0x7fe9249f465c580c), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cac:RangeDimension", 613 },
  { UINT64_C (0x805ca317cef06844), "cac:Delivery/cac:DeliveryLocation/cbc:InformationURI", 354 },
  { UINT64_C (0x8101e35a48a05cd9), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Department", 155 },
  { UINT64_C (0x817afc656c81ebe1), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentType", 26 },
  { UINT64_C (0x82328eac193246e4), "cac:Delivery/cac:DeliveryParty/cbc:WebsiteURI", 386 },
  { UINT64_C (0x8285ac2d22e2d2da), "cac:TaxRepresentativeParty/cbc:LogoReferenceID", 297 },
  { UINT64_C (0x828ce4f34e5058fe), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:TimezoneOffset", 320 },
  { UINT64_C (0x82d6b0230b49b390), "cac:ReceiptDocumentReference/cbc:LocaleCode", 68 },
  { UINT64_C (0x83cc08c7b3c9bc64), "cac:AccountingSupplierParty/cac:Party/cac:Person", 191 },
  { UINT64_C (0x845363d896706da4), "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cac:MeasurementDimension", 581 },
  { UINT64_C (0x8476754216914262), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress", 603 },
  { UINT64_C (0x84907797e5c41085), "cac:AdditionalDocumentReference/cbc:Xpath", 114 },
  { UINT64_C (0x8549960ec770b96a), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:DocumentHash", 119 },
  { UINT64_C (0x85c5f189042d8b33), "cac:PaymentMeans/cac:TradeFinancing", 448 },
  { UINT64_C (0x85cdfcb916151aa6), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName", 159 },
  { UINT64_C (0x85ead1850b5d8cf2), "cac:InvoiceLine/cac:DocumentReference/cbc:DocumentStatusCode", 538 },
  { UINT64_C (0x861d323e8dcc3df4), "cac:OriginatorDocumentReference/cbc:DocumentType", 82 },
  { UINT64_C (0x871284c40ba8d1f0), "cac:CreditNoteLine/cac:InvoicePeriod/cbc:Description", 521 },
  { UINT64_C (0x873f86ec5a2507cc), "cac:ReceiptDocumentReference/cbc:LanguageID", 67 },
  { UINT64_C (0x8791fc9f40c5b4fe), "cac:Delivery/cac:DeliveryParty/cac:ServiceProviderParty", 399 },
  { UINT64_C (0x87aac84842e6e60d), "cac:AccountingSupplierParty/cac:Party/cbc:LogoReferenceID", 142 },
  { UINT64_C (0x8868912429850dac), "cac:AccountingCustomerParty/cac:BuyerContact", 262 },
  { UINT64_C (0x8883ca7220913899), "cac:CreditNoteLine/cac:DocumentReference/cbc:Xpath", 534 },
  { UINT64_C (0x89bfa7d0ce00efbd), "cbc:LineCountNumeric", 10 },
  { UINT64_C (0x8a3945a2e07127e7), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:InhouseMail", 217 },
  { UINT64_C (0x8a5c5ab5f95a799b), "cac:InvoiceLine/cac:Item/cac:Price/cbc:PriceType", 623 },
  { UINT64_C (0x8ac5f088ca3af13a), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:BaseUnitMeasure", 594 },
  { UINT64_C (0x8b5f05afe999fd3b), "cac:ProjectReference/cac:WorkPhaseReference", 134 },
  { UINT64_C (0x8b6663cfa1d03a53), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:PlotIdentification", 315 },
  { UINT64_C (0x8bc1d2fa5f0486aa), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName", 167 },
  { UINT64_C (0x8c1f4cf746dfb326), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressFormatCode", 359 },
  { UINT64_C (0x8c2114d0e05dca74), "cac:PaymentTerms/cac:ValidityPeriod", 466 },
  { UINT64_C (0x8c57310fa70299a7), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:ListValue", 610 },
  { UINT64_C (0x8c72a9c2307f575f), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCostCode", 633 },
  { UINT64_C (0x8ca1b97d40c0f9af), "cac:InvoiceLine/cac:Item/cac:BuyersItemIdentification/cac:MeasurementDimension", 570 },
  { UINT64_C (0x8cadfcce9c65d7b6), "cac:CreditNoteLine/cac:Item/cac:CatalogueItemIdentification", 583 },
  { UINT64_C (0x8d2bca85863f35f8), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CountrySubentityCode", 317 },
  { UINT64_C (0x8d3e9fe09ac47cc6), "cac:InvoiceLine/cac:Item/cbc:HazardousRiskIndicator", 562 },
  { UINT64_C (0x8e68c1c85baf35e4), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode", 168 },
  { UINT64_C (0x8e8da9cd7a90844f), "cac:ReceiptDocumentReference/cac:IssuerParty", 74 },
  { UINT64_C (0x8efb76066eda9d19), "cac:DespatchDocumentReference/cbc:DocumentTypeCode", 48 },
  { UINT64_C (0x8f052a51018db7fd), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentDescription", 32 },
  { UINT64_C (0x8f39b63d37d92914), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:Country", 430 },
  { UINT64_C (0x90205b5e1d75affb), "cac:PaymentMeans/cac:CardAccount/cbc:CardChipCode", 419 },
  { UINT64_C (0x9055ec883ecbaa3a), "cac:DespatchDocumentReference/cbc:VersionID", 53 },
  { UINT64_C (0x9087593fcce25a62), "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationDate", 274 },
  { UINT64_C (0x909a38ada5d71b57), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:Name", 506 },
  { UINT64_C (0x915261c36ff65712), "cac:DespatchDocumentReference/cbc:UUID", 45 },
  { UINT64_C (0x918ccdee067bbd28), "cac:CreditNoteLine/cac:DocumentReference/cac:ResultOfVerification", 543 },
  { UINT64_C (0x92b4d72315a9cd59), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:CurrencyCode", 424 },
  { UINT64_C (0x932d94e2d75f589c), "cac:InvoiceLine/cac:AllowanceCharge/cbc:SequenceNumeric", 550 },
  { UINT64_C (0x933d629ab3616969), "cac:AccountingSupplierParty/cac:DespatchContact", 196 },
  { UINT64_C (0x9367f2dd58364043), "cac:Delivery/cac:DeliveryLocation/cac:SubsidiaryLocation", 378 },
  { UINT64_C (0x939f44ec0fd66249), "cac:BillingReference/cac:CreditNoteDocumentReference", 38 },
  { UINT64_C (0x940e28b5164cf2ee), "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentityCode", 352 },
  { UINT64_C (0x9443871c15bfb975), "cac:InvoiceLine/cac:Item/cac:CatalogueDocumentReference", 585 },
  { UINT64_C (0x94717ae5f2724fd0), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkAttention", 219 },
  { UINT64_C (0x95fea81621b7e6eb), "cac:Delivery/cac:DeliveryParty/cbc:MarkAttentionIndicator", 385 },
  { UINT64_C (0x966f721a18af91b6), "cac:TaxRepresentativeParty/cac:PhysicalLocation", 323 },
  { UINT64_C (0x96fb7d631bf567f4), "cac:InvoiceLine/cac:SubInvoiceLine", 641 },
  { UINT64_C (0x970ef16ff01b0e94), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CorporationStockAmount", 245 },
  { UINT64_C (0x9738f32396f49fd9), "cac:BillingReference/cac:AdditionalDocumentReference", 42 },
  { UINT64_C (0x97bcb8eeab7b691c), "cac:DespatchDocumentReference/cbc:DocumentType", 49 },
  { UINT64_C (0x98a8f8a9b2aa3d89), "cac:InvoicePeriod/cbc:DurationMeasure", 13 },
  { UINT64_C (0x99690e5c077de2f7), "cac:CreditNoteLine/cac:Item/cac:SellersItemIdentification/cbc:BareCodeSymbologyID", 573 },
  { UINT64_C (0x997249a097833cd7), "cac:InvoiceLine/cac:OriginatorParty", 545 },
  { UINT64_C (0x998569f2bb423355), "cac:DespatchDocumentReference/cac:IssuerParty", 58 },
  { UINT64_C (0x99eec954579efdac), "cac:Delivery/cac:AlternativeDeliveryLocation", 380 },
  { UINT64_C (0x99f0a67294862676), "cac:Signature", 135 },
  { UINT64_C (0x9a97d0ab850e65f7), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:InhouseMail", 154 },
  { UINT64_C (0x9ad0011939e02071), "cac:PaymentTerms/cac:PenaltyPeriod", 464 },
  { UINT64_C (0x9b48b18a53dc42ee), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BlockName", 363 },
  { UINT64_C (0x9b4e41323ad93b27), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID/@schemeID", 649 },
  { UINT64_C (0x9bbea88ff2890489), "cac:Delivery/cbc:TrackingID", 348 },
  { UINT64_C (0x9bc4631569375c88), "cac:CreditNoteLine/cac:Item/cac:SellersItemIdentification/cac:PhysicalAttribute", 574 },
  { UINT64_C (0x9c4e6d10c406382b), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkCare", 220 },
  { UINT64_C (0x9c9aa896fa7152a6), "cac:Delivery/cac:DeliveryParty/cac:PartyTaxScheme", 394 },
  { UINT64_C (0x9cad3b5f672a16b1), "cac:OrderReference/cbc:UUID", 16 },
  { UINT64_C (0x9ce53b2b7062a523), "cac:CreditNoteLine/cbc:UUID", 512 },
  { UINT64_C (0x9d29023c216fa271), "cac:PaymentMeans/cac:CardAccount/cbc:CardTypeCode", 413 },
  { UINT64_C (0x9dcf7510bb09400e), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:Name", 600 },
  { UINT64_C (0x9e1ac8ee72970f38), "cac:InvoiceLine/cac:AllowanceCharge/cbc:AccountingCost", 552 },
  { UINT64_C (0x9e1d688d8879461e), "cac:DespatchDocumentReference/cbc:DocumentDescription", 55 },
  { UINT64_C (0x9e52f1e620f7cf3f), "cac:PaymentTerms/cbc:PenaltyAmount", 458 },
  { UINT64_C (0x9e83ea138cd4af49), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty", 185 },
  { UINT64_C (0x9eba22e2cb821cad), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CitySubdivisionName", 316 },
  { UINT64_C (0x9ef409ac7bb5d7a0), "cac:PaymentMeans/cac:CardAccount/cbc:IssuerID", 416 },
  { UINT64_C (0xa001c38842d5b1d4), "cac:InvoiceLine/cac:DespatchLineReference", 526 },
  { UINT64_C (0xa01f31e89ac6fb49), "cac:AccountingSupplierParty/cbc:AdditionalAccountID", 137 },
  { UINT64_C (0xa0fcf133b28f64a2), "cac:Delivery/cac:DeliveryLocation/cbc:LocationTypeCode", 353 },
  { UINT64_C (0xa189c99c56ccb0e1), "cac:TaxTotal/cac:TaxSubtotal/cbc:TransactionCurrencyTaxAmount", 495 },
  { UINT64_C (0xa23d867b06069b06), "cac:TaxTotal/cbc:RoundingAmount", 491 },
  { UINT64_C (0xa2e5434c95d99ca2), "cac:ContractDocumentReference/cbc:LocaleCode", 101 },
  { UINT64_C (0xa32e8867c887c536), "cac:TaxRepresentativeParty/cbc:IndustryClassificationCode", 299 },
  { UINT64_C (0xa33e02c49bfc77dc), "cac:CreditNoteLine/cac:Item/cac:BuyersItemIdentification/cbc:ExtendedID", 567 },
  { UINT64_C (0xa3423504f08be74d), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingName", 309 },
  { UINT64_C (0xa3b2bf8bb6b18877), "cac:CreditNoteLine/cac:Item/cbc:ModelName", 566 },
  { UINT64_C (0xa457dd84cb83d64e), "cac:ReceiptDocumentReference/cbc:Xpath", 66 },
  { UINT64_C (0xa49837d9c4fe2f8c), "cac:AdditionalDocumentReference/cac:IssuerParty", 130 },
  { UINT64_C (0xa4b955230076b50b), "cac:InvoiceLine/cac:Item/cbc:CatalogueIndicator", 561 },
  { UINT64_C (0xa4d1328d703d87c3), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason", 170 },
  { UINT64_C (0xa4dc32957a3e9139), "cac:PaymentTerms/cbc:InstallmentDueDate", 461 },
  { UINT64_C (0xa560695ab0543718), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress", 183 },
  { UINT64_C (0xa56542440b2f83bf), "cac:CreditNoteLine/cac:AllowanceCharge/cac:PaymentMeans", 556 },
  { UINT64_C (0xa5730533e06266c7), "cac:AccountingSupplierParty/cac:Party/cac:Language", 144 },
  { UINT64_C (0xa587cbad0a17d583), "cac:OrderReference/cbc:CustomerReference", 19 },
  { UINT64_C (0xa5e0804b68a5d333), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:BaseUnitMeasure", 502 },
  { UINT64_C (0xa5e9b9f931e08d31), "cac:CreditNoteLine/cac:Item/cac:ManufacturersItemIdentification", 577 },
  { UINT64_C (0xa5f06a65deddb5d5), "cac:TaxRepresentativeParty/cac:Person", 335 },
  { UINT64_C (0xa5fa558a63344483), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:CurrencyCode", 602 },
  { UINT64_C (0xa67355e919edeff0), "cac:CreditNoteLine/cac:Item/cac:BuyersItemIdentification/cac:PhysicalAttribute", 569 },
  { UINT64_C (0xa6c4234ee2977980), "cac:InvoiceLine/cac:DocumentReference/cac:Attachment", 540 },
  { UINT64_C (0xa6c55315d5acec52), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueTime", 24 },
  { UINT64_C (0xa7382e21e044025f), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:Xpath", 27 },
  { UINT64_C (0xa74dc9e3b4259990), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Room", 150 },
  { UINT64_C (0xa7a80ceb2c7c04f3), "cac:InvoiceLine/cac:Item/cac:ManufacturersItemIdentification", 577 },
  { UINT64_C (0xa84563a43f59c41d), "cbc:ID/@schemeID", 645 },
  { UINT64_C (0xa84679b2d53beced), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:PriceList", 626 },
  { UINT64_C (0xa8616497842e44db), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:PerUnitAmount", 553 },
  { UINT64_C (0xa8b268b053f4e9b8), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Region", 373 },
  { UINT64_C (0xa8cecbdbdb6a4669), "cac:InvoiceLine/cac:Item/cbc:ModelName", 566 },
  { UINT64_C (0xa939dd5540e07d72), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cac:RangeDimension", 613 },
  { UINT64_C (0xa9c62f5a24e48a76), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cac:UsabilityPeriod", 611 },
  { UINT64_C (0xaa1118d992edb132), "cac:CreditNoteLine/cac:AllowanceCharge/cac:TaxTotal", 555 },
  { UINT64_C (0xaa26de56b75550b9), "cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI", 141 },
  { UINT64_C (0xaa488826ac6bffef), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:ValidityPeriod", 625 },
  { UINT64_C (0xaa8e1a6109886241), "cac:AllowanceCharge/cbc:SequenceNumeric", 470 },
  { UINT64_C (0xaa8f6eae48e0e4f6), "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress", 175 },
  { UINT64_C (0xac3ea227a2b084f9), "cac:DespatchDocumentReference/cbc:IssueTime", 47 },
  { UINT64_C (0xac48b5ecc8b0f4fa), "cac:CreditNoteLine/cac:Item/cac:ItemInstance", 618 },
  { UINT64_C (0xac65e2851bb5f50d), "cac:AdditionalDocumentReference/cbc:IssueDate", 111 },
  { UINT64_C (0xac9c95ea1df34be1), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode", 160 },
  { UINT64_C (0xacc2c668562f07e0), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress", 603 },
  { UINT64_C (0xaccdf99ec5b9d855), "cac:PaymentMeans/cbc:PaymentID/@schemeID", 648 },
  { UINT64_C (0xacf4ec79a8dfad0d), "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaidAmount", 434 },
  { UINT64_C (0xad3df414c3cc9931), "cac:OriginatorDocumentReference/cbc:IssueTime", 80 },
  { UINT64_C (0xae8c395bc0b65df1), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:Name", 437 },
  { UINT64_C (0xae9da4c04324660f), "cac:ReceiptDocumentReference/cbc:IssueTime", 63 },
  { UINT64_C (0xaec3ae7e3b177737), "cac:PaymentTerms/cbc:InvoicingPartyReference", 462 },
  { UINT64_C (0xaec5477187d89b6a), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRatePercent", 599 },
  { UINT64_C (0xaf19bfb4aecbf3c9), "cac:ContractDocumentReference/cac:Attachment", 105 },
  { UINT64_C (0xaf298f12ffecadad), "cac:CreditNoteLine/cac:DocumentReference/cbc:LocaleCode", 536 },
  { UINT64_C (0xaf78d009f6ff630a), "cac:InvoiceLine/cac:OrderLineReference/cbc:UUID", 523 },
  { UINT64_C (0xb02a5386326b3d69), "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cac:IssuerParty", 582 },
  { UINT64_C (0xb09e33875def44ab), "cac:Delivery/cac:NotifyParty", 402 },
  { UINT64_C (0xb0eb8e977f0afb7a), "cac:BillingReference/cac:InvoiceDocumentReference/cac:IssuerParty", 35 },
  { UINT64_C (0xb16cf26d30fcf169), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Department", 218 },
  { UINT64_C (0xb18ce17e6f81763a), "cac:CreditNoteLine/cac:PricingReference", 544 },
  { UINT64_C (0xb19fddd87f465145), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:District", 162 },
  { UINT64_C (0xb1d35bf4830e176f), "cac:PaymentMeans/cac:PaymentMandate/cac:PaymentReversalPeriod", 446 },
  { UINT64_C (0xb1e9a5a7b9f9f7c3), "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cac:MeasurementDimension", 575 },
  { UINT64_C (0xb1fa8ce021c7c492), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:PrepaidIndicator", 549 },
  { UINT64_C (0xb2d733388e81ab66), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:PerUnitAmount", 595 },
  { UINT64_C (0xb2eb9a0b984b1b1f), "cac:AccountingCustomerParty/cac:Party/cac:ServiceProviderParty", 257 },
  { UINT64_C (0xb307345edaabfe77), "cac:InvoiceLine/cac:Item/cac:Certificate", 619 },
  { UINT64_C (0xb30db7817285bd24), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:SequenceNumeric", 632 },
  { UINT64_C (0xb32ced6acb8aaf48), "cac:Delivery/cac:DeliveryAddress", 677 },
  { UINT64_C (0xb348179c267d2a19), "cac:CreditNoteLine/cac:Item/cac:Certificate", 619 },
  { UINT64_C (0xb37203d78d55b98d), "cac:PayeeParty/cac:Person", 287 },
  { UINT64_C (0xb3f24d637432bf46), "cac:InvoiceLine/cac:OrderLineReference/cbc:SalesOrderLineID", 522 },
  { UINT64_C (0xb41a76d311bb18cb), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode", 331 },
  { UINT64_C (0xb4431691cc0ac004), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CorporationStockAmount", 181 },
  { UINT64_C (0xb50f3aa660b0d770), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Department", 312 },
  { UINT64_C (0xb5215eaed9051ba4), "cac:InvoiceLine/cac:Item/cbc:PackSizeNumeric", 560 },
  { UINT64_C (0xb5301d8a57b57103), "cac:OriginatorDocumentReference/cac:ValidityPeriod", 90 },
  { UINT64_C (0xb55d50e65122afb0), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReasonCode", 596 },
  { UINT64_C (0xb59c15a670a3ddc1), "cac:BuyerCustomerParty", 292 },
  { UINT64_C (0xb5f8c3d3cebad832), "cbc:CustomizationID/@schemeID", 643 },
  { UINT64_C (0xb5fa907fb8362317), "cac:OriginatorDocumentReference/cac:ResultOfVerification", 92 },
  { UINT64_C (0xb5fce69b68b4954e), "cac:AllowanceCharge/cbc:AccountingCostCode", 471 },
  { UINT64_C (0xb768f21dbf5eed72), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Department", 367 },
  { UINT64_C (0xb78bbd2d255ce53e), "cac:CreditNoteLine/cac:Item/cac:Price/cac:PricingExchangeRate", 639 },
  { UINT64_C (0xb791a26803a33996), "cac:Delivery/cac:DeliveryParty/cbc:IndustryClassificationCode", 389 },
  { UINT64_C (0xb7cd96b9b226ba72), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyGroup", 612 },
  { UINT64_C (0xb7d80f111722e28e), "cac:BillingReference/cac:InvoiceDocumentReference/cac:ValidityPeriod", 34 },
  { UINT64_C (0xb84672846da1cb5d), "cac:AdditionalDocumentReference/cbc:UUID", 110 },
  { UINT64_C (0xb84d4867d08a37e3), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:PaymentNote", 425 },
  { UINT64_C (0xb9639cd2a44f4abd), "cac:InvoiceLine/cac:Item/cbc:PackQuantity", 559 },
  { UINT64_C (0xb98bb9ca4cfe83c8), "cac:AdditionalDocumentReference/cac:ValidityPeriod", 129 },
  { UINT64_C (0xb9af0feba28884b9), "cac:TaxRepresentativeParty/cbc:EndpointID", 298 },
  { UINT64_C (0xb9b8eaa390a51779), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:ID", 627 },
  { UINT64_C (0xb9d16672580f3ea4), "cac:InvoiceLine/cac:Item/cac:Price/cac:PricingExchangeRate", 639 },
  { UINT64_C (0xb9f11caae77aab0b), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator", 182 },
  { UINT64_C (0xb9f90a5513afaaae), "cac:CreditNoteLine/cac:Item/cac:Dimension", 620 },
  { UINT64_C (0xba0d68e8b36cfe6e), "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cbc:ExtendedID", 572 },
  { UINT64_C (0xba337763d6f1576e), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode", 236 },
  { UINT64_C (0xba78f6c7c3b43684), "cac:BillingReference/cac:DebitNoteDocumentReference", 40 },
  { UINT64_C (0xbb1fd56dd48d4d84), "cac:AdditionalDocumentReference/cac:ResultOfVerification", 131 },
  { UINT64_C (0xbbe2dd94ee667de2), "cac:Delivery/cac:DeliveryParty/cac:PartyLegalEntity", 395 },
  { UINT64_C (0xbbef1e3d07006883), "cac:Delivery/cac:DeliveryParty/cac:AgentParty", 398 },
  { UINT64_C (0xbc094d7525c0cc68), "cac:Delivery/cbc:ID", 340 },
  { UINT64_C (0xbc568143f05c825a), "cac:TaxRepresentativeParty/cbc:MarkCareIndicator", 294 },
  { UINT64_C (0xbceeb60205be7c08), "cac:AdditionalDocumentReference/cbc:IssueTime", 112 },
  { UINT64_C (0xbcfaee464f16e5ab), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BlockName", 214 },
  { UINT64_C (0xbd00ffc0178c574f), "cac:InvoiceLine/cac:DocumentReference/cbc:IssueDate", 531 },
  { UINT64_C (0xbd63d8405afdb8c9), "cac:ContractDocumentReference/cac:IssuerParty", 107 },
  { UINT64_C (0xbd9b832048297554), "cac:CreditNoteLine/cac:Item/cac:ItemSpecificationDocumentReference", 586 },
  { UINT64_C (0xbdc2561cec8d3d34), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkCare", 369 },
  { UINT64_C (0xbe18390d2481571e), "cbc:UUID", 4 },
  { UINT64_C (0xbe68f0d42cacfa72), "cac:Delivery/cac:DeliveryParty/cac:PartyIdentification", 390 },
  { UINT64_C (0xbf103a485e19259f), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountFormatCode", 440 },
  { UINT64_C (0xbf4f96eff0f17452), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Floor", 361 },
  { UINT64_C (0xbf55aa3c2029c6e6), "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRange", 499 },
  { UINT64_C (0xc03da32a25b62999), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:ListValue", 610 },
  { UINT64_C (0xc05447957b1351fa), "cac:BillingReference/cac:BillingReferenceLine", 43 },
  { UINT64_C (0xc0a460509fc0d67d), "cac:InvoiceLine/cac:DocumentReference/cbc:DocumentDescription", 539 },
  { UINT64_C (0xc124af1ab49c6eb1), "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ID", 251 },
  { UINT64_C (0xc1a252d9e62e7896), "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cac:PhysicalAttribute", 574 },
  { UINT64_C (0xc1f65ba35a007992), "cac:CreditNoteLine/cac:Item/cac:BuyersItemIdentification/cac:IssuerParty", 571 },
  { UINT64_C (0xc2b6d801356635fa), "cac:Delivery/cac:DeliveryParty/cbc:LogoReferenceID", 387 },
  { UINT64_C (0xc3856b8f2eab9cca), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:ID", 145 },
  { UINT64_C (0xc45df54ef4a2583c), "cac:CreditNoteLine/cac:TaxTotal", 557 },
  { UINT64_C (0xc4ac22bbc0a0c3ef), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:OrderableUnitFactorRate", 624 },
  { UINT64_C (0xc4b9bd214fc10c8c), "cac:PayeeParty/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator", 281 },
  { UINT64_C (0xc4cbd96ac17be22b), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason", 597 },
  { UINT64_C (0xc50f116f8829924c), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:PaymentNote", 442 },
  { UINT64_C (0xc5ce3457aec89c09), "cbc:SalesOrderID/@schemeID", 646 },
  { UINT64_C (0xc62a6cd5f3c3f1fc), "cac:InvoiceLine/cac:Item/cac:Dimension", 620 },
  { UINT64_C (0xc69bdd961cd95b82), "cac:Delivery/cac:DeliveryParty/cac:FinancialAccount", 401 },
  { UINT64_C (0xc6d05de7b71c70c0), "cac:TaxTotal/cbc:TaxIncludedIndicator", 493 },
  { UINT64_C (0xc6f16c16f76cdc8c), "cac:Delivery/cac:DeliveryParty/cac:Contact", 396 },
  { UINT64_C (0xc74fc427790d6572), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentStatusCode", 31 },
  { UINT64_C (0xc7d17bccca2fbdc3), "cac:ReceiptDocumentReference/cbc:CopyIndicator", 60 },
  { UINT64_C (0xc8e86d8b1881361d), "cac:PaymentMeans/cbc:PaymentChannelCode", 411 },
  { UINT64_C (0xc90f72a85257897c), "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode", 279 },
  { UINT64_C (0xc9e41b4792009407), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkAttention", 313 },
  { UINT64_C (0xc9f75ffbc1ea4fd4), "cac:InvoiceLine/cac:PricingReference", 544 },
  { UINT64_C (0xc9fa1a525bd0a761), "cac:InvoiceLine/cac:Item/cac:Price/cbc:ValidityPeriod", 625 },
  { UINT64_C (0xca21d61f5ab6cbc4), "cac:CreditNoteLine/cac:DeliveryTerms", 640 },
  { UINT64_C (0xca7d358510b68a77), "cac:CreditNoteLine/cac:InvoicePeriod/cbc:StartTime", 517 },
  { UINT64_C (0xca90188f31b66bc7), "cac:AdditionalDocumentReference/cbc:DocumentType", 113 },
  { UINT64_C (0xcab781240cfcc850), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator", 243 },
  { UINT64_C (0xcaf26dcdf213338a), "cac:InvoiceLine/cac:Item/cac:TransactionConditions", 591 },
  { UINT64_C (0xcafcae130e9108ef), "cac:DespatchDocumentReference/cac:ResultOfVerification", 59 },
  { UINT64_C (0xcb3c2d074b6bbcb9), "cac:CreditNoteLine/cac:DocumentReference/cbc:LanguageID", 535 },
  { UINT64_C (0xcb5bb8d62a628a33), "cac:AdditionalDocumentReference/cbc:VersionID", 117 },
  { UINT64_C (0xcbb915f5f3ed8f00), "cac:CreditNoteLine/cac:DocumentReference/cac:IssuerParty", 542 },
  { UINT64_C (0xcc0cc1a5bb888093), "cac:PrepaidPayment", 467 },
  { UINT64_C (0xcc1b1596648b0d11), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode", 223 },
  { UINT64_C (0xcc61f8d2d5a3c776), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRange", 598 },
  { UINT64_C (0xccf13576951df261), "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:ID", 187 },
  { UINT64_C (0xcd3675d500a42d3a), "cac:ProjectReference/cbc:IssueDate", 133 },
  { UINT64_C (0xcd71f3978e515f08), "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRatePercent", 599 },
  { UINT64_C (0xcdbf288c57f12d88), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:TaxTotal", 637 },
  { UINT64_C (0xcddf88e078cb3a3f), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountTypeCode", 422 },
  { UINT64_C (0xcdfc9ab199888ee2), "cac:InvoiceLine/cac:Item/cbc:AdditionalInformation", 563 },
  { UINT64_C (0xce2cbb3d021f16d2), "cac:InvoiceLine/cac:DocumentReference/cbc:IssueTime", 532 },
  { UINT64_C (0xce43d8f48ae22dab), "cac:DespatchDocumentReference/cac:ValidityPeriod", 57 },
  { UINT64_C (0xce49aeb66af9e9c1), "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:Name", 376 },
  { UINT64_C (0xce711ef1284bf329), "cac:CreditNoteLine/cac:BillingReference", 528 },
  { UINT64_C (0xce776a727d12bcc5), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate", 239 },
  { UINT64_C (0xceebf7c87201716a), "cac:PaymentTerms/cbc:Amount", 456 },
  { UINT64_C (0xcf3c652d79e4b582), "cac:PayeeParty/cbc:MarkCareIndicator", 263 },
  { UINT64_C (0xcf75f98c4d996f6c), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BlockName", 308 },
  { UINT64_C (0xcfb45ca625c48183), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:PaymentMeans", 638 },
  { UINT64_C (0xcfb61ea848a50c5e), "cac:AccountingSupplierParty/cac:SellerContact", 198 },
  { UINT64_C (0xcfdc8be4dcc2dc62), "cac:CreditNoteLine/cac:DocumentReference/cac:Attachment", 540 },
  { UINT64_C (0xd0045be23d1ecc78), "cac:CreditNoteLine/cac:Item/cac:OriginAddress", 617 },
  { UINT64_C (0xd0f717fc6f6dca9b), "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:Name", 321 },
  { UINT64_C (0xd185fa5be567497f), "cac:InvoiceLine/cac:InvoicePeriod/cbc:DescriptionCode", 520 },
  { UINT64_C (0xd1d830f36b5af6a2), "cac:CreditNoteLine/cac:InvoicePeriod/cbc:EndTime", 518 },
  { UINT64_C (0xd26a9e5f8ea41410), "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:NatureCode", 588 },
  { UINT64_C (0xd2e9ad403f47a90d), "cac:AccountingSupplierParty/cac:Party/cbc:MarkCareIndicator", 139 },
  { UINT64_C (0xd31ee8ce3b127bf7), "cac:PaymentTerms/cbc:PaymentTermsDetailsURI", 459 },
  { UINT64_C (0xd3214183d036fca3), "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationExpirationDate", 275 },
  { UINT64_C (0xd3253c696d20b5b1), "cac:InvoiceLine/cac:AllowanceCharge/cbc:ID", 548 },
  { UINT64_C (0xd34a9d93cdb2bcf6), "cac:Delivery/cac:Despatch", 403 },
  { UINT64_C (0xd3824e5a519b5925), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cac:PaymentMeans", 638 },
  { UINT64_C (0xd3d280b1c5b7ebc4), "cac:CreditNoteLine/cac:Item/cac:HazardousItem", 592 },
  { UINT64_C (0xd4c49c729d7c0138), "cac:OrderReference/cbc:CopyIndicator", 15 },
  { UINT64_C (0xd4e5b29d6c34da81), "cac:BillingReference/cac:InvoiceDocumentReference/cbc:VersionID", 30 },
  { UINT64_C (0xd4e8080f5336269a), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName", 230 },
  { UINT64_C (0xd5156ff4b5d0c582), "cac:AccountingSupplierParty/cbc:CustomerAssignedAccountID", 136 },
  { UINT64_C (0xd53fd8c2909f6e39), "cac:OrderReference/cbc:IssueDate", 17 },
  { UINT64_C (0xd59dbdd3324a213a), "cac:CreditNoteLine/cac:Item/cac:SellersItemIdentification/cac:IssuerParty", 576 },
  { UINT64_C (0xd694cb98f92f1981), "cac:PayeeParty/cbc:EndpointID", 267 },
  { UINT64_C (0xd775fc434cd6284f), "cac:AccountingSupplierParty/cac:Party/cac:FinancialAccount", 195 },
  { UINT64_C (0xd78004ed1a78898a), "cac:AllowanceCharge/cbc:ID", 468 },
  { UINT64_C (0xd792face31ccfed8), "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalFormCode", 276 },
  { UINT64_C (0xd7b08336b9cf6694), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode", 231 },
  { UINT64_C (0xd7dad13e1f666836), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID/@schemeID", 650 },
  { UINT64_C (0xd803f930b45a23c1), "cac:CreditNoteLine/cac:DocumentReference/cbc:IssueDate", 531 },
  { UINT64_C (0xd808bb1a02fdf94f), "cac:DeliveryTerms", 408 },
  { UINT64_C (0xd80b724004388539), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:RegistrationName", 324 },
  { UINT64_C (0xd85962b8127a065d), "cac:InvoiceLine/cac:AllowanceCharge/cac:PaymentMeans", 556 },
  { UINT64_C (0xd89b836e33c3bc4e), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FileName", 127 },
  { UINT64_C (0xd8b3f7b3420cf4ec), "cac:ReceiptDocumentReference/cbc:VersionID", 69 },
  { UINT64_C (0xd8d63f32b9cf5ec4), "cac:TaxRepresentativeParty/cbc:WebsiteURI", 296 },
  { UINT64_C (0xd956578d4d2180ad), "cac:OriginatorDocumentReference/cac:Attachment", 89 },
  { UINT64_C (0xd992b7524a7aa920), "cac:Delivery/cbc:Quantity", 341 },
  { UINT64_C (0xd9e006e6aa6fc69a), "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm", 242 },
  { UINT64_C (0xd9e356f052c0c425), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingNumber", 365 },
  { UINT64_C (0xd9e5b4b2dc5031cb), "cac:AccountingSupplierParty/cac:Party/cbc:IndustryClassificationCode", 143 },
  { UINT64_C (0xda54b0265543fcc8), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingName", 215 },
  { UINT64_C (0xdafde1e71ebf091f), "cac:ContractDocumentReference/cbc:DocumentStatusCode", 103 },
  { UINT64_C (0xdb2814583181f0da), "cac:PaymentMeans/cbc:PaymentMeansCode/@listID", 656 },
  { UINT64_C (0xdb804f2d2b35640d), "cac:PaymentTerms/cbc:PaymentPercent", 455 },
  { UINT64_C (0xdbcc3ccece2d050d), "cac:AdditionalDocumentReference/cbc:LanguageID", 115 },
  { UINT64_C (0xdc0dd397ef63d93e), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReason", 327 },
  { UINT64_C (0xdc42dfd030613c87), "cac:InvoiceLine/cac:DocumentReference/cbc:LanguageID", 535 },
  { UINT64_C (0xdccf3c34bed65292), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:SequenceNumeric", 550 },
  { UINT64_C (0xdd4699e27960b8ce), "cac:CreditNoteLine/cac:ReceiptLineReference", 527 },
  { UINT64_C (0xdd81f2258579a5ce), "cac:PaymentTerms/cbc:SettlementDiscountAmount", 457 },
  { UINT64_C (0xdd8bf6b55981dee8), "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountFormatCode", 423 },
  { UINT64_C (0xddc08b82dbeb4cbb), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BlockName", 151 },
  { UINT64_C (0xde3fc4d6901090da), "cac:Delivery/cac:DeliveryParty/cac:Language", 391 },
  { UINT64_C (0xde56b1630f821135), "cac:Delivery/cac:DeliveryParty/cac:Person", 397 },
  { UINT64_C (0xdf4251688b1afc15), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name", 235 },
  { UINT64_C (0xdfbeb2e8bf422dec), "cac:CreditNoteLine/cac:OrderLineReference/cbc:SalesOrderLineID", 522 },
  { UINT64_C (0xe002147e79494a8a), "cac:PayeeParty/cac:FinancialAccount", 291 },
  { UINT64_C (0xe007f0bc7d24e249), "cac:CreditNoteLine/cbc:AccountingCostCode", 514 },
  { UINT64_C (0xe0bf7bed9dd28106), "cbc:TaxCurrencyCode/@listID", 653 },
  { UINT64_C (0xe0d5490bb683a8ad), "cac:PayeeParty/cac:PostalAddress", 270 },
  { UINT64_C (0xe0ffdaf93d868692), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme", 184 },
  { UINT64_C (0xe222c130e9e865a5), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Name", 501 },
  { UINT64_C (0xe24206a7b9012288), "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate", 177 },
  { UINT64_C (0xe2a68c5545869c66), "cac:InvoiceLine/cac:DocumentReference/cac:ResultOfVerification", 543 },
  { UINT64_C (0xe2faee10a24e55f4), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Floor", 306 },
  { UINT64_C (0xe3b74c8a60a7744f), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingName", 364 },
  { UINT64_C (0xe51206228fbf399a), "cac:PayeeParty/cac:PowerOfAttorney", 290 },
  { UINT64_C (0xe53bc8ae3b209adc), "cac:AdditionalDocumentReference/cbc:CopyIndicator", 109 },
  { UINT64_C (0xe550c4967f6ebae6), "cac:InvoiceLine/cac:DeliveryTerms", 640 },
  { UINT64_C (0xe5e1e8998a0fbf46), "cac:InvoiceLine/cac:AllowanceCharge/cac:TaxCategory", 554 },
  { UINT64_C (0xe621b9705cf9775f), "cac:ReceiptDocumentReference/cbc:DocumentTypeCode", 64 },
  { UINT64_C (0xe69c809383a49e60), "cac:CreditNoteLine/cac:Item/cac:Price/cbc:PriceTypeCode", 622 },
  { UINT64_C (0xe6e6b52f0d118e1a), "cac:Delivery/cac:Shipment", 407 },
  { UINT64_C (0xe6f531b735b34959), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressTypeCode", 358 },
  { UINT64_C (0xe7361d4162cf631c), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryDate", 121 },
  { UINT64_C (0xe76cf23ff24ff9d4), "cac:CreditNoteLine/cac:DocumentReference/cac:ValidityPeriod", 541 },
  { UINT64_C (0xe7bedfd30b38f0d0), "cac:CreditNoteLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason", 629 },
  { UINT64_C (0xe7c091e83ed4c731), "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cac:PhysicalAttribute", 580 },
  { UINT64_C (0xe7f5c1fa93409395), "cac:AccountingSupplierParty/cac:Party/cac:PowerOfAttorney", 194 },
  { UINT64_C (0xe80a1d4a66a1d26f), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:CharacterSetCode", 126 },
  { UINT64_C (0xe84f440f21b4e52f), "cac:Delivery/cac:DeliveryLocation/cbc:Name", 355 },
  { UINT64_C (0xe85be360d7ef8687), "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cac:JurisdiccionRegionAddress", 484 },
  { UINT64_C (0xe8b3aef13dcc5098), "cac:InvoiceLine/cac:InvoicePeriod/cbc:DurationMeasure", 519 },
  { UINT64_C (0xe9273a8642938e9d), "cac:AccountingCustomerParty/cac:Party/cbc:LogoReferenceID", 205 },
  { UINT64_C (0xe9690339e6eb91e3), "cac:InvoiceLine/cac:Delivery", 546 },
  { UINT64_C (0xea2e1ed3bef1f7ca), "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:Name", 427 },
  { UINT64_C (0xea69bd5a68e5ce55), "cac:InvoiceLine/cac:OrderLineReference/cac:OrderReference", 525 },
  { UINT64_C (0xeb522f07daf83d28), "cac:ContractDocumentReference/cbc:IssueDate", 95 },
  { UINT64_C (0xebfcea8ad14373c0), "cac:CreditNoteLine/cac:Item/cac:InformationContentProviderParty", 616 },
  { UINT64_C (0xec1ee45894ee2d90), "cac:DespatchDocumentReference/cbc:Xpath", 50 },
  { UINT64_C (0xec42622e3753c952), "cac:PaymentMeans/cbc:InstructionID", 412 },
  { UINT64_C (0xec495b0d6adfa391), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:HashAlgorithmMethod", 120 },
  { UINT64_C (0xec5258cfbcf8fe8b), "cac:PaymentTerms/cbc:ID", 449 },
  { UINT64_C (0xec83b3c45592368e), "cac:PayeeParty/cbc:IndustryClassificationCode", 268 },
  { UINT64_C (0xeca69be2108afb7d), "cac:OriginatorDocumentReference/cac:IssuerParty", 91 },
  { UINT64_C (0xecdd0991b904b965), "cac:InvoiceLine/cac:InvoicePeriod/cbc:StartTime", 517 },
  { UINT64_C (0xed56721c144ea9a7), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:ID", 302 },
  { UINT64_C (0xed9098966b9a94ac), "cac:InvoicePeriod/cbc:StartTime", 11 },
  { UINT64_C (0xeddad057bc6f4f61), "cac:InvoiceLine/cac:DocumentReference/cbc:DocumentType", 533 },
  { UINT64_C (0xee672b8316f1985f), "cac:AccountingSupplierParty/cac:Party/cac:Contact/cac:OtherCommunication", 190 },
  { UINT64_C (0xeee3d8ae6f87d1f9), "cac:CreditNoteLine/cbc:PaymentPurposeCode", 515 },
  { UINT64_C (0xef05387444395bfb), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Postbox", 360 },
  { UINT64_C (0xef2df766938808d4), "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:PerUnitAmount", 595 },
  { UINT64_C (0xef640247f006a815), "cac:InvoicePeriod/cbc:EndTime", 12 },
  { UINT64_C (0xf080e448104d85c4), "cac:ProjectReference/cbc:UUID", 132 },
  { UINT64_C (0xf109b854609d9336), "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Region", 318 },
  { UINT64_C (0xf150e9547ca7df24), "cac:PaymentTerms/cbc:PenaltySurchargePercent", 454 },
  { UINT64_C (0xf1d77182e77ba98b), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:AccountingCostCode", 551 },
  { UINT64_C (0xf1f4d2780b7b196e), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode", 508 },
  { UINT64_C (0xf22663f5e1ff342a), "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode", 232 },
  { UINT64_C (0xf2e581f07a3380c5), "cac:PaymentMeans/cac:PaymentMandate/cac:ValidityPeriod", 445 },
  { UINT64_C (0xf30413cb2bf0cd21), "cac:PayeeParty/cac:PartyLegalEntity/cac:RegistrationAddress", 282 },
  { UINT64_C (0xf408122d970de2dd), "cac:AccountingCustomerParty/cac:Party/cbc:MarkCareIndicator", 202 },
  { UINT64_C (0xf4105eaf1932b7d6), "cac:CreditNoteLine/cac:AllowanceCharge/cbc:AccountingCost", 552 },
  { UINT64_C (0xf41c0ac552d9fa2b), "cac:Delivery/cbc:ReleaseID", 347 },
  { UINT64_C (0xf42a22c1e481769c), "cac:PayeeParty/cbc:WebsiteURI", 265 },
  { UINT64_C (0xf442a36ad90e9776), "cac:TaxExchangeRate", 487 },
  { UINT64_C (0xf475c08e9cdf5cb1), "cbc:CopyIndicator", 3 },
  { UINT64_C (0xf4d61983e6fe4587), "cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty/cbc:ID", 604 },
  { UINT64_C (0xf5860d385556cdd3), "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty/cbc:ValueQualifier", 608 },
  { UINT64_C (0xf66d28a0a6e133eb), "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRange", 504 },
  { UINT64_C (0xf7939165e28c1cb9), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:ID", 357 },
  { UINT64_C (0xf8d229908877b719), "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FormatCode", 124 },
  { UINT64_C (0xf8e82ba52feb0f6c), "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:TimezoneOffset", 375 },
  { UINT64_C (0xf8fb1565fa0cb0e4), "cac:CreditNoteLine/cac:Item/cac:SellersItemIdentification/cbc:ExtendedID", 572 },
  { UINT64_C (0xf9097babb9e06469), "cac:CreditNoteLine/cac:DocumentReference/cbc:UUID", 530 },
  { UINT64_C (0xf96faafd2d939d1f), "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telefax", 252 },
  { UINT64_C (0xf9952ec21b5e77be), "cac:Delivery/cbc:MinimumQuantity", 342 },
  { UINT64_C (0xf9b09aa01e4bdd22), "cac:OriginatorDocumentReference/cbc:VersionID", 86 },
  { UINT64_C (0xf9b81826dafec3c1), "cac:Delivery/cac:RequestedDeliveryPeriod", 381 },
  { UINT64_C (0xfa17f5ca41dfd713), "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate", 165 },
  { UINT64_C (0xfa426724f6a3bca5), "cac:Delivery/cac:DeliveryParty/cac:PostalAddress", 392 },
  { UINT64_C (0xfa9c1521d251e1e0), "cac:InvoiceLine/cac:Item/cac:Price/cac:AllowanceCharge/cbc:AccountingCost", 634 },
  { UINT64_C (0xfabccb8f8b55e00d), "cac:ContractDocumentReference/cbc:IssueTime", 96 },
  { UINT64_C (0xfad5904dd9ebf897), "cac:CreditNoteLine/cac:DocumentReference/cbc:VersionID", 537 },
  { UINT64_C (0xfb225a3c4ddf66d5), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:District", 225 },
  { UINT64_C (0xfb5bb953f2a4d6c8), "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cac:IssuerParty", 576 },
  { UINT64_C (0xfbdcdd6f5e50c315), "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationName", 273 },
  { UINT64_C (0xfc21162b98611e9e), "cac:PayeeParty/cac:PartyTaxScheme", 272 },
  { UINT64_C (0xfc2b288c9e7df1c3), "cac:AccountingCustomerParty/cac:Party/cac:PhysicalLocation", 229 },
  { UINT64_C (0xfc38b2c1cfde863f), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode", 210 },
  { UINT64_C (0xfc4d1ac498a70501), "cac:InvoiceLine/cac:DocumentReference/cbc:VersionID", 537 },
  { UINT64_C (0xfd780d78c5271ef8), "cac:CreditNoteLine/cac:Item/cac:OriginCountry/cbc:Name", 587 },
  { UINT64_C (0xfe084ff2920dbc86), "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name", 329 },
  { UINT64_C (0xfe6dd98568d70526), "cac:InvoiceLine/cac:ItemPriceExtension", 642 },
  { UINT64_C (0xfe716ff1f6399910), "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:CurrencyCode", 441 },
  { UINT64_C (0xff73a01d57d749b6), "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Postbox", 211 },
};

/* absent_rules' "//" paths: the element (and attribute) path must end with these */
static const PathRule anywhere_paths[] = {
  { 0, "cac:PartyTaxScheme/cbc:CompanyID/@schemeID", 647 },
  { 0, "cac:Country/cbc:IdentificationCode/@listID", 655 },
  { 0, "cbc:AllowanceChargeReasonCode/@listID", 657 },
  { 0, "@unitCodeListID", 658 },
  { 0, "cac:FinancialInstitution", 659 },
  { 0, "cac:BuyersItemIdentification/cbc:ID/@schemeID", 662 },
  { 0, "cac:SellersItemIdentification/cbc:ID/@schemeID", 663 },
  { 0, "cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", 664 },
  { 0, "cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason", 665 },
  { 0, "cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric", 666 },
  { 0, "cbc:PrimaryAccountNumberID/@schemeID", 669 },
  { 0, "cac:CardAccount/cbc:NetworkID/@schemeID", 670 },
  { 0, "cac:PaymentMandate/cbc:ID/@schemeID", 671 },
  { 0, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID/@schemeID", 672 },
  { 0, "cac:TaxCategory/cbc:ID/@schemeID", 673 },
  { 0, "cac:ClassifiedTaxCategory/cbc:ID/@schemeID", 674 },
  { 0, "cac:PaymentMeans/cac:PayerFinancialAccount", 675 },
};

/* ---- the path language ------------------------------------------------------ */

static bool
has_attribute (const xmlNode *n, const char *name)
{
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      return true;
  return false;
}

/* does @path (child steps, maybe ending in @attr) match below @ctx? */
static bool
steps_exist (DokusValCtx *v, const xmlNode *ctx, const char *path)
{
  char step[96];
  const char *slash = strchr (path, '/');
  size_t len = slash ? (size_t) (slash - path) : strlen (path);

  if (len == 0 || len >= sizeof step)
    return false;
  memcpy (step, path, len);
  step[len] = '\0';
  if (step[0] == '@')
    return has_attribute (ctx, step + 1);
  if (strcmp (step, "LINE") == 0)
    snprintf (step, sizeof step, "%s", dokus_val_line_name (v));
  for (const xmlNode *c = dokus_val_child (ctx, step); c; c = dokus_val_next (c, step))
    if (slash == NULL || steps_exist (v, c, slash + 1))
      return true;
  return false;
}

#define N_ABSENT (sizeof absent_rules / sizeof absent_rules[0])

#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_EXT "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"

static const char *
qname_prefix (const xmlNode *n)
{
  const char *p = dokus_val_prefix (n);
  return p ? p : "???";
}

#define FNV_OFFSET UINT64_C (0xcbf29ce484222325)

static uint64_t
fnv1a_more (uint64_t h, const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      h ^= (unsigned char) s[i];
      h *= UINT64_C (0x100000001b3);
    }
  return h;
}

static uint64_t
fnv1a (const char *s, size_t len)
{
  return fnv1a_more (FNV_OFFSET, s, len);
}

#define N_EXACT (sizeof exact_paths / sizeof exact_paths[0])
#define EXACT_BITS 8

/* exact_paths is sorted by hash: the paths whose hash has the top
 * EXACT_BITS bits k are exact_paths[exact_start[k]..exact_start[k + 1]),
 * about three each, instead of a binary search over all of them. Every
 * thread computes the same values (relaxed atomics); exact_ready says
 * they are all there. */
static _Atomic uint16_t exact_start[(1u << EXACT_BITS) + 1];
static atomic_bool exact_ready;

static DOKUS_VAL_NOINLINE void
index_exact_paths (void)
{
  size_t i = 0;
  _Static_assert (N_EXACT < UINT16_MAX, "exact_start holds 16-bit indexes");
  for (size_t k = 0; k <= (1u << EXACT_BITS); k++)
    {
      while (i < N_EXACT && (exact_paths[i].hash >> (64 - EXACT_BITS)) < k)
        i++;
      atomic_store_explicit (&exact_start[k], (uint16_t) i, memory_order_relaxed);
    }
  atomic_store_explicit (&exact_ready, true, memory_order_release);
}

/* the exact path whose FNV-1a hash is @h, or NULL (paths still to compare) */
static const PathRule *
find_exact_hash (uint64_t h)
{
  size_t k = (size_t) (h >> (64 - EXACT_BITS)), end;
  if (!atomic_load_explicit (&exact_ready, memory_order_acquire))
    index_exact_paths ();
  end = atomic_load_explicit (&exact_start[k + 1], memory_order_relaxed);
  for (size_t i = atomic_load_explicit (&exact_start[k], memory_order_relaxed); i < end; i++)
    if (exact_paths[i].hash >= h)
      return exact_paths[i].hash == h ? &exact_paths[i] : NULL;
  return NULL;
}

static const PathRule *
find_exact (const char *path, size_t len)
{
  const PathRule *r = find_exact_hash (fnv1a (path, len));
  return r != NULL && strcmp (r->path, path) == 0 ? r : NULL;
}

static bool
ends_with_steps (const char *path, size_t len, const char *suffix)
{
  size_t m = strlen (suffix);
  if (m > len || memcmp (path + len - m, suffix, m) != 0)
    return false;
  return m == len || path[len - m - 1] == '/';
}

/* look @path (of @len bytes) up in both tables */
static void
match_path (DokusValCtx *v, DvGroupState *s, const char *path, size_t len)
{
  const PathRule *r = find_exact (path, len);
  if (r != NULL)
    dv_group_hit_once (v, s, r->rule);
  for (size_t i = 0; i < sizeof anywhere_paths / sizeof anywhere_paths[0]; i++)
    if (ends_with_steps (path, len, anywhere_paths[i].path))
      dv_group_hit_once (v, s, anywhere_paths[i].rule);
}

/* The path of element @n below the root ("cac:A/cbc:B", "" for the root)
 * into @path of @size bytes; its length, or SIZE_MAX when it does not fit. */
static size_t
element_path (DokusValCtx *v, const xmlNode *n, char *path, size_t size)
{
  const xmlNode *chain[DOKUS_UBL_VALIDATE_MAX_DEPTH + 2];
  const xmlNode *root = dokus_val_root (v);
  size_t depth = 0, len = 0;

  for (const xmlNode *p = n; p && p != root && depth < sizeof chain / sizeof chain[0]; p = dv_parent (p))
    chain[depth++] = p;
  for (size_t i = depth; i-- > 0;)
    {
      const char *prefix = qname_prefix (chain[i]);
      const char *name = (const char *) chain[i]->name;
      size_t nlen = strlen (name);
      if (len + nlen + 6 >= size)
        return SIZE_MAX;
      if (len > 0)
        path[len++] = '/';
      memcpy (path + len, prefix, 3);
      path[len + 3] = ':';
      memcpy (path + len + 4, name, nlen);
      len += 4 + nlen;
    }
  path[len] = '\0';
  return len;
}

/* Appends "/@attr" (just "@attr" to the root's empty path) to the @len
 * bytes of @path; the new length, or SIZE_MAX when it does not fit. */
static size_t
append_attribute (char *path, size_t len, size_t size, const char *attr)
{
  size_t nlen = strlen (attr), at = len;
  if (len + nlen + 3 >= size)
    return SIZE_MAX;
  if (at > 0)
    path[at++] = '/';
  path[at++] = '@';
  memcpy (path + at, attr, nlen + 1);
  return at + nlen;
}

/* ---- the exact paths as a tree of element names ----------------------------
 *
 * The exact paths share their first steps ("cac:AccountingSupplierParty/
 * cac:Party/..."): as a tree (a trie) whose edges are element names (their
 * keys, dokus-validate-names-private.h), each element's place in it is one
 * look-up from its parent's, instead of hashing its path. An element whose
 * path leaves the tree (most of them) has place 0, and so have its
 * descendants. Only where an exact path ends (an element path, or the
 * element of an attribute path) is the path written out and looked up in
 * exact_paths, as before. A few paths spell a name UBL does not have (no
 * key: "cac:JurisdiccionRegionAddress"); where one goes on, an element
 * whose name has no key, and all below it, are looked up in full
 * (TRIE_FULL: rare, such names are not UBL). Built once per process. */

#define TRIE_NODES 4096
#define TRIE_EDGE_BITS 13
#define TRIE_EDGES (1u << TRIE_EDGE_BITS)
#define TRIE_ROOT 1
#define TRIE_FULL UINT16_MAX /* a place below a name without key: look every path up */

enum {
  TRIE_ELEMENT = 1,   /* an exact path ends here */
  TRIE_ATTRIBUTE = 2, /* an exact path ends in an attribute of this element */
  TRIE_UNKNOWN = 4,   /* an exact path goes on with a name that has no key */
};

static uint32_t trie_edge_key[TRIE_EDGES]; /* (node << 13 | name key) + 1; 0: free */
static uint16_t trie_edge_to[TRIE_EDGES];
static uint8_t  trie_flags[TRIE_NODES];
static bool     trie_complete;
static DokusOnce trie_once;                 /* the tree, built by the first thread needing it */

static size_t
trie_slot (uint32_t key)
{
  size_t i = (size_t) ((key * UINT32_C (0x9e3779b1)) >> (32 - TRIE_EDGE_BITS));
  while (trie_edge_key[i] != 0 && trie_edge_key[i] != key)
    i = (i + 1) & (TRIE_EDGES - 1);
  return i;
}

/* The place below @node of an element with name key @key; 0: none. */
static uint16_t
trie_child (uint16_t node, uint16_t key)
{
  size_t i = trie_slot (((uint32_t) node << 13 | key) + 1);
  return trie_edge_key[i] != 0 ? trie_edge_to[i] : 0;
}

/* Adds exact path @path to the tree; false when it cannot hold it. */
static bool
trie_add (const char *path, size_t *n_nodes)
{
  uint16_t node = TRIE_ROOT;
  while (*path != '\0')
    {
      const char *slash = strchr (path, '/');
      size_t len = slash ? (size_t) (slash - path) : strlen (path);
      uint16_t id, key;
      size_t i;
      if (path[0] == '@')
        {
          trie_flags[node] |= TRIE_ATTRIBUTE;
          return slash == NULL; /* only the last step is an attribute */
        }
      if (len < 5 || path[3] != ':')
        return false;
      id = dokus_val_name_id (path + 4, len - 4);
      if (id == 0)
        {
          trie_flags[node] |= TRIE_UNKNOWN;
          return true;
        }
      key = (uint16_t) (id << 2 | (path[1] == 'b' ? 1 : path[1] == 'a' ? 2 : 3));
      i = trie_slot (((uint32_t) node << 13 | key) + 1);
      if (trie_edge_key[i] == 0)
        {
          /* (half the edges at most: probes stay short) */
          if (*n_nodes + 1 >= TRIE_NODES || 2 * *n_nodes >= TRIE_EDGES)
            return false;
          trie_edge_key[i] = ((uint32_t) node << 13 | key) + 1;
          trie_edge_to[i] = (uint16_t) ++*n_nodes;
        }
      node = trie_edge_to[i];
      path += len + (slash != NULL);
    }
  trie_flags[node] |= TRIE_ELEMENT;
  return true;
}

static DOKUS_VAL_NOINLINE void
build_trie (void)
{
  size_t n_nodes = TRIE_ROOT;
  bool complete = true;
  _Static_assert (DOKUS_VAL_MAX_NAME_IDS * 4 <= (1u << 13), "a name key fits 13 bits");
  _Static_assert (TRIE_NODES < TRIE_FULL, "places below TRIE_FULL");
  for (size_t i = 0; i < N_EXACT && complete; i++)
    complete = trie_add (exact_paths[i].path, &n_nodes);
  trie_complete = complete;
}

/* true when the tree holds every exact path (built on first use) */
static bool
trie_ready (void)
{
  dokus_once (&trie_once, build_trie);
  return trie_complete;
}

/* The place of an element with name key @key whose parent's place is
 * @parent. */
static uint16_t
trie_place (uint16_t parent, uint16_t key)
{
  if (parent == 0 || parent == TRIE_FULL)
    return parent;
  if ((key >> 2) == 0)
    return (trie_flags[parent] & TRIE_UNKNOWN) ? TRIE_FULL : 0;
  return trie_child (parent, key);
}

/* Every element's place in the tree and the length of its path, set as
 * the walk goes (pre-order: a parent comes before its children). */
typedef struct {
  uint16_t *node;
  uint32_t *len;   /* UINT32_MAX: too long (never matched, as element_path) */
} PathMemo;

static PathMemo *
path_memo (DokusValCtx *v, DvGroupState *s)
{
  uint32_t n;
  PathMemo *m = s->data;
  if (m != NULL)
    return m->node && m->len ? m : NULL;
  n = dokus_val_n_elements (v);
  if (n == 0 || !trie_ready ())
    return NULL;
  m = dokus_val_alloc (v, sizeof *m);
  if (m == NULL)
    return NULL;
  /* (every element's entries are written before they are read: no zeroing) */
  m->node = dokus_val_alloc (v, n * sizeof *m->node);
  m->len = dokus_val_alloc (v, n * sizeof *m->len);
  s->data = m;
  return m->node && m->len ? m : NULL;
}

#define N_ANYWHERE (sizeof anywhere_paths / sizeof anywhere_paths[0])

/* where the last step of each "anywhere" path starts and its length, each
 * + 1 (0: not yet computed); every thread computes the same values:
 * relaxed atomics */
static _Atomic size_t anywhere_last[N_ANYWHERE], anywhere_last_len[N_ANYWHERE];

/* does the last step of anywhere path @i ("pfx:Name" or "@name") equal
 * @step? (a path can only end with the suffix if it does) */
static bool
last_step_is (size_t i, const char *step, size_t step_len)
{
  const char *suffix = anywhere_paths[i].path;
  size_t off = atomic_load_explicit (&anywhere_last[i], memory_order_relaxed);
  size_t len = atomic_load_explicit (&anywhere_last_len[i], memory_order_relaxed);
  if (off == 0 || len == 0)
    {
      const char *slash = strrchr (suffix, '/');
      off = (slash ? (size_t) (slash + 1 - suffix) : 0) + 1;
      len = strlen (suffix + off - 1) + 1;
      atomic_store_explicit (&anywhere_last_len[i], len, memory_order_relaxed);
      atomic_store_explicit (&anywhere_last[i], off, memory_order_relaxed);
    }
  return len - 1 == step_len && memcmp (suffix + off - 1, step, step_len) == 0;
}

/* where the step before the last of each "anywhere" path starts and its
 * length, each + 1 (0: not yet computed; a length of 0: no such step);
 * the same values from every thread: relaxed atomics */
static _Atomic size_t anywhere_owner[N_ANYWHERE], anywhere_owner_len[N_ANYWHERE];

/* For anywhere path @i ending in an attribute of element @n: is n's name
 * the local name of the step before the attribute? (the path can only
 * end with the suffix if it is; true when there is no such step) */
static bool
owner_step_fits (size_t i, const xmlNode *n)
{
  const char *suffix = anywhere_paths[i].path;
  size_t off = atomic_load_explicit (&anywhere_owner[i], memory_order_relaxed);
  size_t len = atomic_load_explicit (&anywhere_owner_len[i], memory_order_relaxed);
  if (off == 0 || len == 0)
    {
      const char *last = strrchr (suffix, '/');
      size_t start = 0, l = 0;
      if (last != NULL)
        {
          start = (size_t) (last - suffix);
          while (start > 0 && suffix[start - 1] != '/')
            start--;
          l = (size_t) (last - suffix) - start;
        }
      off = start + 1;
      len = l + 1;
      atomic_store_explicit (&anywhere_owner_len[i], len, memory_order_relaxed);
      atomic_store_explicit (&anywhere_owner[i], off, memory_order_relaxed);
    }
  if (len - 1 < 5)
    return true;
  len -= 5; /* the local name's length: "pfx:" and the + 1 off */
  return strncmp ((const char *) n->name, suffix + off - 1 + 4, len) == 0 && n->name[len] == '\0';
}

/* A filter on the last step of a path: bit (length * 7 + last byte) % 64
 * is set in anywhere_steps when some anywhere path ends in such a step.
 * Computed once (the same by every thread): anywhere_steps_ready, with
 * release and acquire, says it is there. */
static _Atomic uint64_t anywhere_steps;
static atomic_bool anywhere_steps_ready;

static unsigned
step_bit (size_t len, char last)
{
  return (unsigned) ((len * 7 + (unsigned char) last) % 64);
}

static DOKUS_VAL_NOINLINE void
index_anywhere_steps (void)
{
  uint64_t bits = 0;
  for (size_t i = 0; i < N_ANYWHERE; i++)
    {
      const char *slash = strrchr (anywhere_paths[i].path, '/');
      const char *last = slash ? slash + 1 : anywhere_paths[i].path;
      bits |= UINT64_C (1) << step_bit (strlen (last), last[strlen (last) - 1]);
    }
  atomic_store_explicit (&anywhere_steps, bits, memory_order_relaxed);
  atomic_store_explicit (&anywhere_steps_ready, true, memory_order_release);
}

/* Does the path of @n (then "/@attr" when @attr is not NULL) end with the
 * steps of @suffix, as ends_with_steps() on the path written out would
 * say? Compared step by step up the tree, without writing the path. */
static bool
path_ends_with (DokusValCtx *v, const xmlNode *n, const char *attr, const char *suffix)
{
  const xmlNode *root = dokus_val_root (v);
  size_t end = strlen (suffix);

  while (end > 0)
    {
      size_t start = end, len;
      const char *step;
      while (start > 0 && suffix[start - 1] != '/')
        start--;
      step = suffix + start;
      len = end - start;
      if (step[0] == '@')
        {
          /* only the last step of a path is an attribute */
          if (attr == NULL || strlen (attr) != len - 1 || memcmp (attr, step + 1, len - 1) != 0)
            return false;
          attr = NULL;
        }
      else
        {
          const char *name;
          if (attr != NULL || n == NULL || n == root || len < 5 || step[3] != ':')
            return false;
          name = (const char *) n->name;
          if (memcmp (qname_prefix (n), step, 3) != 0 || strncmp (name, step + 4, len - 4) != 0
              || name[len - 4] != '\0')
            return false;
          n = dv_parent (n);
        }
      end = start > 0 ? start - 1 : 0;
    }
  return attr == NULL;
}

/* The "anywhere" paths that end in @step (of @step_len bytes: "pfx:Name"
 * or "@name") and match the path of @n (then "/@attr" when @attr is not
 * NULL), each reported once. */
static void
match_anywhere (DokusValCtx *v, DvGroupState *s, const xmlNode *n, const char *attr,
                const char *step, size_t step_len, uint32_t candidates)
{
  for (size_t i = 0; i < N_ANYWHERE; i++)
    if ((candidates >> i & 1) && last_step_is (i, step, step_len)
        && (attr == NULL || owner_step_fits (i, n))
        && path_ends_with (v, n, attr, anywhere_paths[i].path))
      dv_group_hit_once (v, s, anywhere_paths[i].rule);
}

/* Bit i: anywhere_paths[i] ends in an element named @local. */
static uint32_t
anywhere_ending_in (const char *local)
{
  uint32_t paths = 0;
  _Static_assert (N_ANYWHERE <= 32, "a bit per anywhere path");
  for (size_t i = 0; i < N_ANYWHERE; i++)
    {
      const char *slash = strrchr (anywhere_paths[i].path, '/');
      const char *last = slash ? slash + 1 : anywhere_paths[i].path;
      if (last[0] != '@' && strlen (last) > 4 && last[3] == ':' && dv_name_eq (last + 4, local))
        paths |= UINT32_C (1) << i;
    }
  return paths;
}

static DvNameMap anywhere_elements = { .wants = anywhere_ending_in };

/* Bit i: anywhere_paths[i] ends in an attribute of an element named
 * @local, or in an attribute of any element ("//@unitCodeListID"). */
static uint32_t
anywhere_attribute_of (const char *local)
{
  uint32_t paths = 0;
  for (size_t i = 0; i < N_ANYWHERE; i++)
    {
      const char *path = anywhere_paths[i].path;
      const char *last = strrchr (path, '/');
      const char *owner;
      if (last == NULL)
        {
          paths |= path[0] == '@' ? UINT32_C (1) << i : 0;
          continue;
        }
      if (last[1] != '@')
        continue;
      for (owner = last; owner > path && owner[-1] != '/'; owner--)
        ;
      /* as owner_step_fits(): a step shorter than "pfx:N" fits any element */
      if (last - owner < 5
          || (strlen (local) == (size_t) (last - owner - 4)
              && memcmp (owner + 4, local, (size_t) (last - owner - 4)) == 0))
        paths |= UINT32_C (1) << i;
    }
  return paths;
}

static DvNameMap anywhere_attributes = { .wants = anywhere_attribute_of };

/* Might a step of @len bytes ending in byte @last end an anywhere path? */
static bool
may_end_anywhere (size_t len, char last)
{
  if (!atomic_load_explicit (&anywhere_steps_ready, memory_order_acquire))
    index_anywhere_steps ();
  return (atomic_load_explicit (&anywhere_steps, memory_order_relaxed)
          & (UINT64_C (1) << step_bit (len, last)))
         != 0;
}

/* The exact path of @n (then "/@attr" when @attr is not NULL), written out
 * and looked up: the tree says one may end here. */
static DOKUS_VAL_NOINLINE void
match_exact (DokusValCtx *v, DvGroupState *s, const xmlNode *n, const char *attr)
{
  char path[1024];
  size_t len = element_path (v, n, path, sizeof path);
  const PathRule *r;
  if (len != SIZE_MAX && attr != NULL)
    len = append_attribute (path, len, sizeof path, attr);
  if (len == SIZE_MAX || len == 0)
    return;
  r = find_exact (path, len);
  if (r != NULL)
    dv_group_hit_once (v, s, r->rule);
}

/* visit_absent without the tree (out of memory, or a path it cannot hold):
 * the path of every element in full */
static void
visit_absent_in_full (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  char path[1024];
  size_t len = element_path (v, n, path, sizeof path);
  if (len == SIZE_MAX)
    return;
  if (len > 0)
    match_path (v, s, path, len);
  for (const xmlAttr *a = n->properties; a; a = a->next)
    {
      size_t alen;
      if (a->ns != NULL)
        continue;
      alen = append_attribute (path, len, sizeof path, (const char *) a->name);
      if (alen == SIZE_MAX)
        continue;
      match_path (v, s, path, alen);
      path[len] = '\0';
    }
}

static void
visit_absent (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  PathMemo *m = path_memo (v, s);
  /* with a memo the index is built: every element's order is in its record */
  uint32_t order = m != NULL ? dokus_val_indexed_order (n) : UINT32_MAX, porder;
  const xmlNode *parent = dv_parent (n);
  const char *name = (const char *) n->name;
  /* our XML reader's trees know each name's length (dokus-xml-in-private.h) */
  size_t nlen = n->extra != 0 ? (size_t) n->extra - 1 : strlen (name), plen;
  uint16_t node = TRIE_ROOT;
  char step[256];

  if (m == NULL || order == UINT32_MAX)
    {
      visit_absent_in_full (v, n, s);
      return;
    }
  if (n == dokus_val_root (v))
    m->len[order] = 0;
  else
    {
      porder = parent != NULL ? dokus_val_indexed_order (parent) : UINT32_MAX;
      /* element_path's limits: the whole path, or the step, too long */
      if (porder == UINT32_MAX || m->len[porder] == UINT32_MAX
          || m->len[porder] + nlen + 6 >= 1024 || 4 + nlen >= sizeof step)
        {
          m->len[order] = UINT32_MAX;
          return;
        }
      plen = m->len[porder];
      m->len[order] = (uint32_t) (plen + (plen > 0) + 4 + nlen);
      node = trie_place (m->node[porder], dokus_val_node_key (n));
      if (node == TRIE_FULL || (node != 0 && (trie_flags[node] & TRIE_ELEMENT)))
        match_exact (v, s, n, NULL);
      /* by its name, which anywhere paths may end here (nearly always none) */
      uint32_t candidates = dv_name_map_get (&anywhere_elements, n);
      if (candidates != 0 && nlen > 0 && may_end_anywhere (4 + nlen, name[nlen - 1]))
        {
          memcpy (step, qname_prefix (n), 3);
          step[3] = ':';
          memcpy (step + 4, name, nlen);
          match_anywhere (v, s, n, NULL, step, 4 + nlen, candidates);
        }
    }
  m->node[order] = node;
  /* by the element's name, which anywhere paths may end in its attributes */
  uint32_t attr_candidates = n->properties != NULL ? dv_name_map_get (&anywhere_attributes, n) : 0;
  for (const xmlAttr *a = n->properties; a; a = a->next)
    {
      if (a->ns != NULL)
        continue;
      const char *aname = (const char *) a->name;
      size_t alen = strlen (aname), len = m->len[order];
      if (len + alen + 3 >= 1024 || alen + 1 >= sizeof step)
        continue;
      if (node == TRIE_FULL || (node != 0 && (trie_flags[node] & TRIE_ATTRIBUTE)))
        match_exact (v, s, n, aname);
      if (attr_candidates != 0 && may_end_anywhere (alen + 1, alen > 0 ? aname[alen - 1] : '@'))
        {
          step[0] = '@';
          memcpy (step + 1, aname, alen);
          match_anywhere (v, s, n, aname, step, alen + 1, attr_candidates);
        }
    }
}

/* ---- rules with a condition --------------------------------------------------- */

/* cac:AdditionalDocumentReference whose DocumentTypeCode is (@is130) or is
 * not '130'; "not" also matches a reference without any type code */
static bool
adr_matches (DokusValCtx *v, const xmlNode *adr, bool is130)
{
  bool any = false, eq = false, ne = false;
  for (const xmlNode *c = dokus_val_child (adr, "cbc:DocumentTypeCode"); c; c = dokus_val_next (c, "cbc:DocumentTypeCode"))
    {
      any = true;
      if (dv_strcmp0 (dokus_val_text (v, c), "130") == 0)
        eq = true;
      else
        ne = true;
    }
  return is130 ? eq : (ne || !any);
}

typedef struct {
  int  which;  /* 665, 666, 673 */
  bool found;
} AdrWalk;

static void
visit_adr (DokusValCtx *v, const xmlNode *n, void *data)
{
  AdrWalk *w = data;
  if (w->found || !dokus_val_is (n, "cac:AdditionalDocumentReference"))
    return;
  if (w->which == 665)
    {
      if (adr_matches (v, n, false))
        for (const xmlNode *id = dokus_val_child (n, "cbc:ID"); id && !w->found; id = dokus_val_next (id, "cbc:ID"))
          w->found = has_attribute (id, "schemeID");
    }
  else if (adr_matches (v, n, true))
    w->found = dokus_val_child (n, w->which == 666 ? "cac:Attachment" : "cbc:DocumentDescription") != NULL;
}

static bool
special_fires (DokusValCtx *v, const char *path)
{
  const xmlNode *root = dokus_val_root (v);
  if (strcmp (path, "SPECIAL_UBLVERSION") == 0)
    {
      /* not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1' */
      bool any = false;
      for (const xmlNode *c = dokus_val_child (root, "cbc:UBLVersionID"); c; c = dokus_val_next (c, "cbc:UBLVersionID"))
        {
          any = true;
          if (dv_strcmp0 (dokus_val_text (v, c), "2.1") == 0)
            return false;
        }
      return any;
    }
  if (strncmp (path, "SPECIAL_NOT_CN:", 15) == 0)
    return !dokus_val_is_credit_note (v) && steps_exist (v, root, path + 15);
  AdrWalk w = { 0, false };
  if (strcmp (path, "SPECIAL_665") == 0)
    w.which = 665;
  else if (strcmp (path, "SPECIAL_666") == 0)
    w.which = 666;
  else
    w.which = 673;
  /* the references in document order, through the element index */
  for (const xmlNode *n = dokus_val_descendant (root, NULL, "cac:AdditionalDocumentReference");
       n != NULL && !w.found;
       n = dokus_val_descendant (root, n, "cac:AdditionalDocumentReference"))
    visit_adr (v, n, &w);
  return w.found;
}

static const char *const absent_ids[] = {
  "UBL-CR-001",
  "UBL-CR-002",
  "UBL-CR-003",
  "UBL-CR-004",
  "UBL-CR-005",
  "UBL-CR-006",
  "UBL-CR-007",
  "UBL-CR-008",
  "UBL-CR-009",
  "UBL-CR-010",
  "UBL-CR-011",
  "UBL-CR-012",
  "UBL-CR-013",
  "UBL-CR-014",
  "UBL-CR-015",
  "UBL-CR-016",
  "UBL-CR-017",
  "UBL-CR-018",
  "UBL-CR-019",
  "UBL-CR-020",
  "UBL-CR-021",
  "UBL-CR-022",
  "UBL-CR-023",
  "UBL-CR-024",
  "UBL-CR-025",
  "UBL-CR-026",
  "UBL-CR-027",
  "UBL-CR-028",
  "UBL-CR-029",
  "UBL-CR-030",
  "UBL-CR-031",
  "UBL-CR-032",
  "UBL-CR-033",
  "UBL-CR-034",
  "UBL-CR-035",
  "UBL-CR-036",
  "UBL-CR-037",
  "UBL-CR-038",
  "UBL-CR-039",
  "UBL-CR-040",
  "UBL-CR-041",
  "UBL-CR-042",
  "UBL-CR-043",
  "UBL-CR-044",
  "UBL-CR-045",
  "UBL-CR-046",
  "UBL-CR-047",
  "UBL-CR-048",
  "UBL-CR-049",
  "UBL-CR-050",
  "UBL-CR-051",
  "UBL-CR-052",
  "UBL-CR-053",
  "UBL-CR-054",
  "UBL-CR-055",
  "UBL-CR-056",
  "UBL-CR-057",
  "UBL-CR-058",
  "UBL-CR-059",
  "UBL-CR-060",
  "UBL-CR-061",
  "UBL-CR-062",
  "UBL-CR-063",
  "UBL-CR-064",
  "UBL-CR-065",
  "UBL-CR-066",
  "UBL-CR-067",
  "UBL-CR-068",
  "UBL-CR-069",
  "UBL-CR-070",
  "UBL-CR-071",
  "UBL-CR-072",
  "UBL-CR-073",
  "UBL-CR-074",
  "UBL-CR-075",
  "UBL-CR-076",
  "UBL-CR-077",
  "UBL-CR-078",
  "UBL-CR-079",
  "UBL-CR-080",
  "UBL-CR-081",
  "UBL-CR-082",
  "UBL-CR-083",
  "UBL-CR-084",
  "UBL-CR-085",
  "UBL-CR-086",
  "UBL-CR-087",
  "UBL-CR-088",
  "UBL-CR-089",
  "UBL-CR-090",
  "UBL-CR-091",
  "UBL-CR-092",
  "UBL-CR-093",
  "UBL-CR-094",
  "UBL-CR-095",
  "UBL-CR-096",
  "UBL-CR-097",
  "UBL-CR-098",
  "UBL-CR-099",
  "UBL-CR-100",
  "UBL-CR-101",
  "UBL-CR-102",
  "UBL-CR-103",
  "UBL-CR-104",
  "UBL-CR-105",
  "UBL-CR-106",
  "UBL-CR-107",
  "UBL-CR-108",
  "UBL-CR-109",
  "UBL-CR-110",
  "UBL-CR-111",
  "UBL-CR-112",
  "UBL-CR-113",
  "UBL-CR-114",
  "UBL-CR-115",
  "UBL-CR-116",
  "UBL-CR-117",
  "UBL-CR-118",
  "UBL-CR-119",
  "UBL-CR-121",
  "UBL-CR-122",
  "UBL-CR-123",
  "UBL-CR-124",
  "UBL-CR-125",
  "UBL-CR-126",
  "UBL-CR-127",
  "UBL-CR-128",
  "UBL-CR-129",
  "UBL-CR-130",
  "UBL-CR-131",
  "UBL-CR-132",
  "UBL-CR-133",
  "UBL-CR-134",
  "UBL-CR-135",
  "UBL-CR-136",
  "UBL-CR-137",
  "UBL-CR-138",
  "UBL-CR-139",
  "UBL-CR-140",
  "UBL-CR-141",
  "UBL-CR-142",
  "UBL-CR-143",
  "UBL-CR-144",
  "UBL-CR-145",
  "UBL-CR-146",
  "UBL-CR-147",
  "UBL-CR-148",
  "UBL-CR-149",
  "UBL-CR-150",
  "UBL-CR-151",
  "UBL-CR-152",
  "UBL-CR-153",
  "UBL-CR-154",
  "UBL-CR-155",
  "UBL-CR-156",
  "UBL-CR-157",
  "UBL-CR-158",
  "UBL-CR-159",
  "UBL-CR-160",
  "UBL-CR-161",
  "UBL-CR-162",
  "UBL-CR-163",
  "UBL-CR-164",
  "UBL-CR-165",
  "UBL-CR-166",
  "UBL-CR-167",
  "UBL-CR-168",
  "UBL-CR-169",
  "UBL-CR-170",
  "UBL-CR-171",
  "UBL-CR-172",
  "UBL-CR-173",
  "UBL-CR-174",
  "UBL-CR-175",
  "UBL-CR-176",
  "UBL-CR-177",
  "UBL-CR-178",
  "UBL-CR-179",
  "UBL-CR-180",
  "UBL-CR-181",
  "UBL-CR-182",
  "UBL-CR-183",
  "UBL-CR-184",
  "UBL-CR-185",
  "UBL-CR-186",
  "UBL-CR-187",
  "UBL-CR-188",
  "UBL-CR-189",
  "UBL-CR-190",
  "UBL-CR-191",
  "UBL-CR-192",
  "UBL-CR-193",
  "UBL-CR-194",
  "UBL-CR-195",
  "UBL-CR-196",
  "UBL-CR-197",
  "UBL-CR-198",
  "UBL-CR-199",
  "UBL-CR-200",
  "UBL-CR-201",
  "UBL-CR-202",
  "UBL-CR-203",
  "UBL-CR-204",
  "UBL-CR-205",
  "UBL-CR-206",
  "UBL-CR-207",
  "UBL-CR-208",
  "UBL-CR-209",
  "UBL-CR-210",
  "UBL-CR-211",
  "UBL-CR-212",
  "UBL-CR-213",
  "UBL-CR-214",
  "UBL-CR-215",
  "UBL-CR-216",
  "UBL-CR-217",
  "UBL-CR-218",
  "UBL-CR-219",
  "UBL-CR-220",
  "UBL-CR-221",
  "UBL-CR-222",
  "UBL-CR-223",
  "UBL-CR-224",
  "UBL-CR-225",
  "UBL-CR-226",
  "UBL-CR-227",
  "UBL-CR-228",
  "UBL-CR-229",
  "UBL-CR-230",
  "UBL-CR-231",
  "UBL-CR-232",
  "UBL-CR-233",
  "UBL-CR-234",
  "UBL-CR-235",
  "UBL-CR-236",
  "UBL-CR-237",
  "UBL-CR-238",
  "UBL-CR-239",
  "UBL-CR-240",
  "UBL-CR-241",
  "UBL-CR-242",
  "UBL-CR-243",
  "UBL-CR-244",
  "UBL-CR-245",
  "UBL-CR-246",
  "UBL-CR-247",
  "UBL-CR-248",
  "UBL-CR-249",
  "UBL-CR-250",
  "UBL-CR-251",
  "UBL-CR-252",
  "UBL-CR-253",
  "UBL-CR-254",
  "UBL-CR-255",
  "UBL-CR-256",
  "UBL-CR-257",
  "UBL-CR-258",
  "UBL-CR-259",
  "UBL-CR-260",
  "UBL-CR-261",
  "UBL-CR-262",
  "UBL-CR-263",
  "UBL-CR-264",
  "UBL-CR-265",
  "UBL-CR-266",
  "UBL-CR-267",
  "UBL-CR-268",
  "UBL-CR-269",
  "UBL-CR-270",
  "UBL-CR-271",
  "UBL-CR-272",
  "UBL-CR-273",
  "UBL-CR-274",
  "UBL-CR-275",
  "UBL-CR-276",
  "UBL-CR-277",
  "UBL-CR-278",
  "UBL-CR-279",
  "UBL-CR-280",
  "UBL-CR-281",
  "UBL-CR-282",
  "UBL-CR-283",
  "UBL-CR-284",
  "UBL-CR-285",
  "UBL-CR-286",
  "UBL-CR-287",
  "UBL-CR-288",
  "UBL-CR-289",
  "UBL-CR-290",
  "UBL-CR-291",
  "UBL-CR-292",
  "UBL-CR-293",
  "UBL-CR-294",
  "UBL-CR-295",
  "UBL-CR-296",
  "UBL-CR-297",
  "UBL-CR-298",
  "UBL-CR-299",
  "UBL-CR-300",
  "UBL-CR-301",
  "UBL-CR-302",
  "UBL-CR-303",
  "UBL-CR-304",
  "UBL-CR-305",
  "UBL-CR-306",
  "UBL-CR-307",
  "UBL-CR-308",
  "UBL-CR-309",
  "UBL-CR-310",
  "UBL-CR-311",
  "UBL-CR-312",
  "UBL-CR-313",
  "UBL-CR-314",
  "UBL-CR-315",
  "UBL-CR-316",
  "UBL-CR-317",
  "UBL-CR-318",
  "UBL-CR-319",
  "UBL-CR-320",
  "UBL-CR-321",
  "UBL-CR-322",
  "UBL-CR-323",
  "UBL-CR-324",
  "UBL-CR-325",
  "UBL-CR-326",
  "UBL-CR-327",
  "UBL-CR-328",
  "UBL-CR-329",
  "UBL-CR-330",
  "UBL-CR-331",
  "UBL-CR-332",
  "UBL-CR-333",
  "UBL-CR-334",
  "UBL-CR-335",
  "UBL-CR-336",
  "UBL-CR-337",
  "UBL-CR-338",
  "UBL-CR-339",
  "UBL-CR-340",
  "UBL-CR-341",
  "UBL-CR-342",
  "UBL-CR-343",
  "UBL-CR-344",
  "UBL-CR-345",
  "UBL-CR-346",
  "UBL-CR-347",
  "UBL-CR-348",
  "UBL-CR-349",
  "UBL-CR-350",
  "UBL-CR-351",
  "UBL-CR-352",
  "UBL-CR-353",
  "UBL-CR-354",
  "UBL-CR-355",
  "UBL-CR-356",
  "UBL-CR-357",
  "UBL-CR-358",
  "UBL-CR-359",
  "UBL-CR-360",
  "UBL-CR-361",
  "UBL-CR-362",
  "UBL-CR-363",
  "UBL-CR-364",
  "UBL-CR-365",
  "UBL-CR-366",
  "UBL-CR-367",
  "UBL-CR-368",
  "UBL-CR-369",
  "UBL-CR-370",
  "UBL-CR-371",
  "UBL-CR-372",
  "UBL-CR-373",
  "UBL-CR-374",
  "UBL-CR-375",
  "UBL-CR-376",
  "UBL-CR-377",
  "UBL-CR-378",
  "UBL-CR-379",
  "UBL-CR-380",
  "UBL-CR-381",
  "UBL-CR-382",
  "UBL-CR-383",
  "UBL-CR-384",
  "UBL-CR-385",
  "UBL-CR-386",
  "UBL-CR-387",
  "UBL-CR-388",
  "UBL-CR-389",
  "UBL-CR-390",
  "UBL-CR-391",
  "UBL-CR-392",
  "UBL-CR-393",
  "UBL-CR-394",
  "UBL-CR-395",
  "UBL-CR-396",
  "UBL-CR-397",
  "UBL-CR-398",
  "UBL-CR-399",
  "UBL-CR-400",
  "UBL-CR-401",
  "UBL-CR-402",
  "UBL-CR-403",
  "UBL-CR-404",
  "UBL-CR-405",
  "UBL-CR-406",
  "UBL-CR-407",
  "UBL-CR-408",
  "UBL-CR-409",
  "UBL-CR-410",
  "UBL-CR-411",
  "UBL-CR-412",
  "UBL-CR-413",
  "UBL-CR-414",
  "UBL-CR-415",
  "UBL-CR-416",
  "UBL-CR-417",
  "UBL-CR-418",
  "UBL-CR-419",
  "UBL-CR-420",
  "UBL-CR-421",
  "UBL-CR-422",
  "UBL-CR-424",
  "UBL-CR-425",
  "UBL-CR-426",
  "UBL-CR-427",
  "UBL-CR-428",
  "UBL-CR-429",
  "UBL-CR-430",
  "UBL-CR-431",
  "UBL-CR-432",
  "UBL-CR-433",
  "UBL-CR-434",
  "UBL-CR-435",
  "UBL-CR-436",
  "UBL-CR-437",
  "UBL-CR-438",
  "UBL-CR-439",
  "UBL-CR-440",
  "UBL-CR-441",
  "UBL-CR-442",
  "UBL-CR-443",
  "UBL-CR-444",
  "UBL-CR-445",
  "UBL-CR-446",
  "UBL-CR-447",
  "UBL-CR-448",
  "UBL-CR-449",
  "UBL-CR-450",
  "UBL-CR-451",
  "UBL-CR-452",
  "UBL-CR-453",
  "UBL-CR-454",
  "UBL-CR-455",
  "UBL-CR-456",
  "UBL-CR-457",
  "UBL-CR-458",
  "UBL-CR-459",
  "UBL-CR-460",
  "UBL-CR-461",
  "UBL-CR-462",
  "UBL-CR-463",
  "UBL-CR-464",
  "UBL-CR-465",
  "UBL-CR-466",
  "UBL-CR-467",
  "UBL-CR-468",
  "UBL-CR-469",
  "UBL-CR-470",
  "UBL-CR-471",
  "UBL-CR-472",
  "UBL-CR-473",
  "UBL-CR-474",
  "UBL-CR-475",
  "UBL-CR-476",
  "UBL-CR-477",
  "UBL-CR-478",
  "UBL-CR-479",
  "UBL-CR-480",
  "UBL-CR-481",
  "UBL-CR-482",
  "UBL-CR-483",
  "UBL-CR-484",
  "UBL-CR-485",
  "UBL-CR-486",
  "UBL-CR-487",
  "UBL-CR-488",
  "UBL-CR-489",
  "UBL-CR-490",
  "UBL-CR-491",
  "UBL-CR-492",
  "UBL-CR-493",
  "UBL-CR-494",
  "UBL-CR-495",
  "UBL-CR-496",
  "UBL-CR-497",
  "UBL-CR-498",
  "UBL-CR-499",
  "UBL-CR-500",
  "UBL-CR-501",
  "UBL-CR-502",
  "UBL-CR-503",
  "UBL-CR-504",
  "UBL-CR-505",
  "UBL-CR-506",
  "UBL-CR-507",
  "UBL-CR-508",
  "UBL-CR-509",
  "UBL-CR-510",
  "UBL-CR-511",
  "UBL-CR-512",
  "UBL-CR-513",
  "UBL-CR-514",
  "UBL-CR-515",
  "UBL-CR-516",
  "UBL-CR-517",
  "UBL-CR-518",
  "UBL-CR-519",
  "UBL-CR-520",
  "UBL-CR-521",
  "UBL-CR-522",
  "UBL-CR-523",
  "UBL-CR-524",
  "UBL-CR-525",
  "UBL-CR-526",
  "UBL-CR-527",
  "UBL-CR-528",
  "UBL-CR-529",
  "UBL-CR-530",
  "UBL-CR-531",
  "UBL-CR-532",
  "UBL-CR-533",
  "UBL-CR-534",
  "UBL-CR-535",
  "UBL-CR-537",
  "UBL-CR-538",
  "UBL-CR-539",
  "UBL-CR-540",
  "UBL-CR-541",
  "UBL-CR-542",
  "UBL-CR-543",
  "UBL-CR-544",
  "UBL-CR-545",
  "UBL-CR-546",
  "UBL-CR-547",
  "UBL-CR-548",
  "UBL-CR-549",
  "UBL-CR-550",
  "UBL-CR-551",
  "UBL-CR-552",
  "UBL-CR-553",
  "UBL-CR-554",
  "UBL-CR-555",
  "UBL-CR-556",
  "UBL-CR-557",
  "UBL-CR-558",
  "UBL-CR-559",
  "UBL-CR-560",
  "UBL-CR-561",
  "UBL-CR-562",
  "UBL-CR-563",
  "UBL-CR-564",
  "UBL-CR-565",
  "UBL-CR-566",
  "UBL-CR-567",
  "UBL-CR-568",
  "UBL-CR-569",
  "UBL-CR-570",
  "UBL-CR-571",
  "UBL-CR-572",
  "UBL-CR-573",
  "UBL-CR-574",
  "UBL-CR-575",
  "UBL-CR-576",
  "UBL-CR-577",
  "UBL-CR-578",
  "UBL-CR-579",
  "UBL-CR-580",
  "UBL-CR-581",
  "UBL-CR-582",
  "UBL-CR-583",
  "UBL-CR-584",
  "UBL-CR-585",
  "UBL-CR-586",
  "UBL-CR-587",
  "UBL-CR-588",
  "UBL-CR-589",
  "UBL-CR-590",
  "UBL-CR-591",
  "UBL-CR-592",
  "UBL-CR-593",
  "UBL-CR-594",
  "UBL-CR-595",
  "UBL-CR-596",
  "UBL-CR-597",
  "UBL-CR-598",
  "UBL-CR-599",
  "UBL-CR-600",
  "UBL-CR-601",
  "UBL-CR-602",
  "UBL-CR-603",
  "UBL-CR-604",
  "UBL-CR-605",
  "UBL-CR-606",
  "UBL-CR-607",
  "UBL-CR-608",
  "UBL-CR-609",
  "UBL-CR-610",
  "UBL-CR-611",
  "UBL-CR-612",
  "UBL-CR-613",
  "UBL-CR-614",
  "UBL-CR-615",
  "UBL-CR-616",
  "UBL-CR-617",
  "UBL-CR-618",
  "UBL-CR-619",
  "UBL-CR-620",
  "UBL-CR-621",
  "UBL-CR-622",
  "UBL-CR-623",
  "UBL-CR-624",
  "UBL-CR-625",
  "UBL-CR-626",
  "UBL-CR-627",
  "UBL-CR-628",
  "UBL-CR-629",
  "UBL-CR-630",
  "UBL-CR-632",
  "UBL-CR-633",
  "UBL-CR-634",
  "UBL-CR-635",
  "UBL-CR-636",
  "UBL-CR-637",
  "UBL-CR-638",
  "UBL-CR-639",
  "UBL-CR-640",
  "UBL-CR-641",
  "UBL-CR-642",
  "UBL-CR-643",
  "UBL-CR-644",
  "UBL-CR-645",
  "UBL-CR-646",
  "UBL-CR-647",
  "UBL-CR-648",
  "UBL-CR-649",
  "UBL-CR-650",
  "UBL-CR-651",
  "UBL-CR-652",
  "UBL-CR-653",
  "UBL-CR-654",
  "UBL-CR-655",
  "UBL-CR-656",
  "UBL-CR-657",
  "UBL-CR-658",
  "UBL-CR-659",
  "UBL-CR-660",
  "UBL-CR-661",
  "UBL-CR-662",
  "UBL-CR-663",
  "UBL-CR-664",
  "UBL-CR-665",
  "UBL-CR-666",
  "UBL-CR-667",
  "UBL-CR-668",
  "UBL-CR-669",
  "UBL-CR-670",
  "UBL-CR-671",
  "UBL-CR-672",
  "UBL-CR-673",
  "UBL-CR-674",
  "UBL-CR-675",
  "UBL-CR-676",
  "UBL-CR-677",
  "UBL-CR-678",
  "UBL-CR-679",
  "UBL-CR-680",
  "UBL-CR-681",
  "UBL-CR-682",
};

DV_GROUP_STATE (absent_state);

const DvGroup dv_group_ubl_cr = {
  absent_ids, sizeof absent_ids / sizeof absent_ids[0], visit_absent, absent_state,
};

/* a rule with a condition of its own ("SPECIAL_...") rather than a path */
static bool
is_special (const char *path)
{
  return path[0] == 'S' && strncmp (path, "SPECIAL_", 8) == 0;
}

static void check_absent_rule (DokusValCtx *v, DvGroupState *state, const char *rule);

static void
check_absent (DokusValCtx *v, const char *rule)
{
  DvGroupState *state = absent_state (v);
  /* most rules: a path rule (special ones start with 'S') without a finding */
  if (state != NULL && state->next < N_ABSENT && absent_rules[state->next].path[0] != 'S'
      && dv_group_skip (state, &dv_group_ubl_cr, rule))
    return;
  check_absent_rule (v, state, rule);
}

static DOKUS_VAL_NOINLINE void
check_absent_rule (DokusValCtx *v, DvGroupState *state, const char *rule)
{
  /* the rules with a condition are checked on their own; rules run in table
   * order, so the expected index is tried before a binary search */
  size_t expected;
  if (state == NULL)
    return; /* out of memory: the engine reports it */
  expected = state->next;
  if (expected < N_ABSENT && dv_same_rule (absent_rules[expected].rule, rule))
    {
      if (!is_special (absent_rules[expected].path))
        {
          dv_group_check_state (v, state, rule, &dv_group_ubl_cr);
          return;
        }
    }
  size_t lo = 0, hi = N_ABSENT;
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      int c = strcmp (absent_rules[mid].rule, rule);
      if (c == 0)
        {
          if (is_special (absent_rules[mid].path))
            {
              if (special_fires (v, absent_rules[mid].path))
                dokus_val_report (v, rule, NULL);
              /* keep the group's expected index in step */
              state->next = mid + 1;
              return;
            }
          break;
        }
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  dv_group_check_state (v, state, rule, &dv_group_ubl_cr);
}

static const DokusValRule cr_rules[] = {
  { "UBL-CR-001", check_absent },
  { "UBL-CR-002", check_absent },
  { "UBL-CR-003", check_absent },
  { "UBL-CR-004", check_absent },
  { "UBL-CR-005", check_absent },
  { "UBL-CR-006", check_absent },
  { "UBL-CR-007", check_absent },
  { "UBL-CR-008", check_absent },
  { "UBL-CR-009", check_absent },
  { "UBL-CR-010", check_absent },
  { "UBL-CR-011", check_absent },
  { "UBL-CR-012", check_absent },
  { "UBL-CR-013", check_absent },
  { "UBL-CR-014", check_absent },
  { "UBL-CR-015", check_absent },
  { "UBL-CR-016", check_absent },
  { "UBL-CR-017", check_absent },
  { "UBL-CR-018", check_absent },
  { "UBL-CR-019", check_absent },
  { "UBL-CR-020", check_absent },
  { "UBL-CR-021", check_absent },
  { "UBL-CR-022", check_absent },
  { "UBL-CR-023", check_absent },
  { "UBL-CR-024", check_absent },
  { "UBL-CR-025", check_absent },
  { "UBL-CR-026", check_absent },
  { "UBL-CR-027", check_absent },
  { "UBL-CR-028", check_absent },
  { "UBL-CR-029", check_absent },
  { "UBL-CR-030", check_absent },
  { "UBL-CR-031", check_absent },
  { "UBL-CR-032", check_absent },
  { "UBL-CR-033", check_absent },
  { "UBL-CR-034", check_absent },
  { "UBL-CR-035", check_absent },
  { "UBL-CR-036", check_absent },
  { "UBL-CR-037", check_absent },
  { "UBL-CR-038", check_absent },
  { "UBL-CR-039", check_absent },
  { "UBL-CR-040", check_absent },
  { "UBL-CR-041", check_absent },
  { "UBL-CR-042", check_absent },
  { "UBL-CR-043", check_absent },
  { "UBL-CR-044", check_absent },
  { "UBL-CR-045", check_absent },
  { "UBL-CR-046", check_absent },
  { "UBL-CR-047", check_absent },
  { "UBL-CR-048", check_absent },
  { "UBL-CR-049", check_absent },
  { "UBL-CR-050", check_absent },
  { "UBL-CR-051", check_absent },
  { "UBL-CR-052", check_absent },
  { "UBL-CR-053", check_absent },
  { "UBL-CR-054", check_absent },
  { "UBL-CR-055", check_absent },
  { "UBL-CR-056", check_absent },
  { "UBL-CR-057", check_absent },
  { "UBL-CR-058", check_absent },
  { "UBL-CR-059", check_absent },
  { "UBL-CR-060", check_absent },
  { "UBL-CR-061", check_absent },
  { "UBL-CR-062", check_absent },
  { "UBL-CR-063", check_absent },
  { "UBL-CR-064", check_absent },
  { "UBL-CR-065", check_absent },
  { "UBL-CR-066", check_absent },
  { "UBL-CR-067", check_absent },
  { "UBL-CR-068", check_absent },
  { "UBL-CR-069", check_absent },
  { "UBL-CR-070", check_absent },
  { "UBL-CR-071", check_absent },
  { "UBL-CR-072", check_absent },
  { "UBL-CR-073", check_absent },
  { "UBL-CR-074", check_absent },
  { "UBL-CR-075", check_absent },
  { "UBL-CR-076", check_absent },
  { "UBL-CR-077", check_absent },
  { "UBL-CR-078", check_absent },
  { "UBL-CR-079", check_absent },
  { "UBL-CR-080", check_absent },
  { "UBL-CR-081", check_absent },
  { "UBL-CR-082", check_absent },
  { "UBL-CR-083", check_absent },
  { "UBL-CR-084", check_absent },
  { "UBL-CR-085", check_absent },
  { "UBL-CR-086", check_absent },
  { "UBL-CR-087", check_absent },
  { "UBL-CR-088", check_absent },
  { "UBL-CR-089", check_absent },
  { "UBL-CR-090", check_absent },
  { "UBL-CR-091", check_absent },
  { "UBL-CR-092", check_absent },
  { "UBL-CR-093", check_absent },
  { "UBL-CR-094", check_absent },
  { "UBL-CR-095", check_absent },
  { "UBL-CR-096", check_absent },
  { "UBL-CR-097", check_absent },
  { "UBL-CR-098", check_absent },
  { "UBL-CR-099", check_absent },
  { "UBL-CR-100", check_absent },
  { "UBL-CR-101", check_absent },
  { "UBL-CR-102", check_absent },
  { "UBL-CR-103", check_absent },
  { "UBL-CR-104", check_absent },
  { "UBL-CR-105", check_absent },
  { "UBL-CR-106", check_absent },
  { "UBL-CR-107", check_absent },
  { "UBL-CR-108", check_absent },
  { "UBL-CR-109", check_absent },
  { "UBL-CR-110", check_absent },
  { "UBL-CR-111", check_absent },
  { "UBL-CR-112", check_absent },
  { "UBL-CR-113", check_absent },
  { "UBL-CR-114", check_absent },
  { "UBL-CR-115", check_absent },
  { "UBL-CR-116", check_absent },
  { "UBL-CR-117", check_absent },
  { "UBL-CR-118", check_absent },
  { "UBL-CR-119", check_absent },
  { "UBL-CR-121", check_absent },
  { "UBL-CR-122", check_absent },
  { "UBL-CR-123", check_absent },
  { "UBL-CR-124", check_absent },
  { "UBL-CR-125", check_absent },
  { "UBL-CR-126", check_absent },
  { "UBL-CR-127", check_absent },
  { "UBL-CR-128", check_absent },
  { "UBL-CR-129", check_absent },
  { "UBL-CR-130", check_absent },
  { "UBL-CR-131", check_absent },
  { "UBL-CR-132", check_absent },
  { "UBL-CR-133", check_absent },
  { "UBL-CR-134", check_absent },
  { "UBL-CR-135", check_absent },
  { "UBL-CR-136", check_absent },
  { "UBL-CR-137", check_absent },
  { "UBL-CR-138", check_absent },
  { "UBL-CR-139", check_absent },
  { "UBL-CR-140", check_absent },
  { "UBL-CR-141", check_absent },
  { "UBL-CR-142", check_absent },
  { "UBL-CR-143", check_absent },
  { "UBL-CR-144", check_absent },
  { "UBL-CR-145", check_absent },
  { "UBL-CR-146", check_absent },
  { "UBL-CR-147", check_absent },
  { "UBL-CR-148", check_absent },
  { "UBL-CR-149", check_absent },
  { "UBL-CR-150", check_absent },
  { "UBL-CR-151", check_absent },
  { "UBL-CR-152", check_absent },
  { "UBL-CR-153", check_absent },
  { "UBL-CR-154", check_absent },
  { "UBL-CR-155", check_absent },
  { "UBL-CR-156", check_absent },
  { "UBL-CR-157", check_absent },
  { "UBL-CR-158", check_absent },
  { "UBL-CR-159", check_absent },
  { "UBL-CR-160", check_absent },
  { "UBL-CR-161", check_absent },
  { "UBL-CR-162", check_absent },
  { "UBL-CR-163", check_absent },
  { "UBL-CR-164", check_absent },
  { "UBL-CR-165", check_absent },
  { "UBL-CR-166", check_absent },
  { "UBL-CR-167", check_absent },
  { "UBL-CR-168", check_absent },
  { "UBL-CR-169", check_absent },
  { "UBL-CR-170", check_absent },
  { "UBL-CR-171", check_absent },
  { "UBL-CR-172", check_absent },
  { "UBL-CR-173", check_absent },
  { "UBL-CR-174", check_absent },
  { "UBL-CR-175", check_absent },
  { "UBL-CR-176", check_absent },
  { "UBL-CR-177", check_absent },
  { "UBL-CR-178", check_absent },
  { "UBL-CR-179", check_absent },
  { "UBL-CR-180", check_absent },
  { "UBL-CR-181", check_absent },
  { "UBL-CR-182", check_absent },
  { "UBL-CR-183", check_absent },
  { "UBL-CR-184", check_absent },
  { "UBL-CR-185", check_absent },
  { "UBL-CR-186", check_absent },
  { "UBL-CR-187", check_absent },
  { "UBL-CR-188", check_absent },
  { "UBL-CR-189", check_absent },
  { "UBL-CR-190", check_absent },
  { "UBL-CR-191", check_absent },
  { "UBL-CR-192", check_absent },
  { "UBL-CR-193", check_absent },
  { "UBL-CR-194", check_absent },
  { "UBL-CR-195", check_absent },
  { "UBL-CR-196", check_absent },
  { "UBL-CR-197", check_absent },
  { "UBL-CR-198", check_absent },
  { "UBL-CR-199", check_absent },
  { "UBL-CR-200", check_absent },
  { "UBL-CR-201", check_absent },
  { "UBL-CR-202", check_absent },
  { "UBL-CR-203", check_absent },
  { "UBL-CR-204", check_absent },
  { "UBL-CR-205", check_absent },
  { "UBL-CR-206", check_absent },
  { "UBL-CR-207", check_absent },
  { "UBL-CR-208", check_absent },
  { "UBL-CR-209", check_absent },
  { "UBL-CR-210", check_absent },
  { "UBL-CR-211", check_absent },
  { "UBL-CR-212", check_absent },
  { "UBL-CR-213", check_absent },
  { "UBL-CR-214", check_absent },
  { "UBL-CR-215", check_absent },
  { "UBL-CR-216", check_absent },
  { "UBL-CR-217", check_absent },
  { "UBL-CR-218", check_absent },
  { "UBL-CR-219", check_absent },
  { "UBL-CR-220", check_absent },
  { "UBL-CR-221", check_absent },
  { "UBL-CR-222", check_absent },
  { "UBL-CR-223", check_absent },
  { "UBL-CR-224", check_absent },
  { "UBL-CR-225", check_absent },
  { "UBL-CR-226", check_absent },
  { "UBL-CR-227", check_absent },
  { "UBL-CR-228", check_absent },
  { "UBL-CR-229", check_absent },
  { "UBL-CR-230", check_absent },
  { "UBL-CR-231", check_absent },
  { "UBL-CR-232", check_absent },
  { "UBL-CR-233", check_absent },
  { "UBL-CR-234", check_absent },
  { "UBL-CR-235", check_absent },
  { "UBL-CR-236", check_absent },
  { "UBL-CR-237", check_absent },
  { "UBL-CR-238", check_absent },
  { "UBL-CR-239", check_absent },
  { "UBL-CR-240", check_absent },
  { "UBL-CR-241", check_absent },
  { "UBL-CR-242", check_absent },
  { "UBL-CR-243", check_absent },
  { "UBL-CR-244", check_absent },
  { "UBL-CR-245", check_absent },
  { "UBL-CR-246", check_absent },
  { "UBL-CR-247", check_absent },
  { "UBL-CR-248", check_absent },
  { "UBL-CR-249", check_absent },
  { "UBL-CR-250", check_absent },
  { "UBL-CR-251", check_absent },
  { "UBL-CR-252", check_absent },
  { "UBL-CR-253", check_absent },
  { "UBL-CR-254", check_absent },
  { "UBL-CR-255", check_absent },
  { "UBL-CR-256", check_absent },
  { "UBL-CR-257", check_absent },
  { "UBL-CR-258", check_absent },
  { "UBL-CR-259", check_absent },
  { "UBL-CR-260", check_absent },
  { "UBL-CR-261", check_absent },
  { "UBL-CR-262", check_absent },
  { "UBL-CR-263", check_absent },
  { "UBL-CR-264", check_absent },
  { "UBL-CR-265", check_absent },
  { "UBL-CR-266", check_absent },
  { "UBL-CR-267", check_absent },
  { "UBL-CR-268", check_absent },
  { "UBL-CR-269", check_absent },
  { "UBL-CR-270", check_absent },
  { "UBL-CR-271", check_absent },
  { "UBL-CR-272", check_absent },
  { "UBL-CR-273", check_absent },
  { "UBL-CR-274", check_absent },
  { "UBL-CR-275", check_absent },
  { "UBL-CR-276", check_absent },
  { "UBL-CR-277", check_absent },
  { "UBL-CR-278", check_absent },
  { "UBL-CR-279", check_absent },
  { "UBL-CR-280", check_absent },
  { "UBL-CR-281", check_absent },
  { "UBL-CR-282", check_absent },
  { "UBL-CR-283", check_absent },
  { "UBL-CR-284", check_absent },
  { "UBL-CR-285", check_absent },
  { "UBL-CR-286", check_absent },
  { "UBL-CR-287", check_absent },
  { "UBL-CR-288", check_absent },
  { "UBL-CR-289", check_absent },
  { "UBL-CR-290", check_absent },
  { "UBL-CR-291", check_absent },
  { "UBL-CR-292", check_absent },
  { "UBL-CR-293", check_absent },
  { "UBL-CR-294", check_absent },
  { "UBL-CR-295", check_absent },
  { "UBL-CR-296", check_absent },
  { "UBL-CR-297", check_absent },
  { "UBL-CR-298", check_absent },
  { "UBL-CR-299", check_absent },
  { "UBL-CR-300", check_absent },
  { "UBL-CR-301", check_absent },
  { "UBL-CR-302", check_absent },
  { "UBL-CR-303", check_absent },
  { "UBL-CR-304", check_absent },
  { "UBL-CR-305", check_absent },
  { "UBL-CR-306", check_absent },
  { "UBL-CR-307", check_absent },
  { "UBL-CR-308", check_absent },
  { "UBL-CR-309", check_absent },
  { "UBL-CR-310", check_absent },
  { "UBL-CR-311", check_absent },
  { "UBL-CR-312", check_absent },
  { "UBL-CR-313", check_absent },
  { "UBL-CR-314", check_absent },
  { "UBL-CR-315", check_absent },
  { "UBL-CR-316", check_absent },
  { "UBL-CR-317", check_absent },
  { "UBL-CR-318", check_absent },
  { "UBL-CR-319", check_absent },
  { "UBL-CR-320", check_absent },
  { "UBL-CR-321", check_absent },
  { "UBL-CR-322", check_absent },
  { "UBL-CR-323", check_absent },
  { "UBL-CR-324", check_absent },
  { "UBL-CR-325", check_absent },
  { "UBL-CR-326", check_absent },
  { "UBL-CR-327", check_absent },
  { "UBL-CR-328", check_absent },
  { "UBL-CR-329", check_absent },
  { "UBL-CR-330", check_absent },
  { "UBL-CR-331", check_absent },
  { "UBL-CR-332", check_absent },
  { "UBL-CR-333", check_absent },
  { "UBL-CR-334", check_absent },
  { "UBL-CR-335", check_absent },
  { "UBL-CR-336", check_absent },
  { "UBL-CR-337", check_absent },
  { "UBL-CR-338", check_absent },
  { "UBL-CR-339", check_absent },
  { "UBL-CR-340", check_absent },
  { "UBL-CR-341", check_absent },
  { "UBL-CR-342", check_absent },
  { "UBL-CR-343", check_absent },
  { "UBL-CR-344", check_absent },
  { "UBL-CR-345", check_absent },
  { "UBL-CR-346", check_absent },
  { "UBL-CR-347", check_absent },
  { "UBL-CR-348", check_absent },
  { "UBL-CR-349", check_absent },
  { "UBL-CR-350", check_absent },
  { "UBL-CR-351", check_absent },
  { "UBL-CR-352", check_absent },
  { "UBL-CR-353", check_absent },
  { "UBL-CR-354", check_absent },
  { "UBL-CR-355", check_absent },
  { "UBL-CR-356", check_absent },
  { "UBL-CR-357", check_absent },
  { "UBL-CR-358", check_absent },
  { "UBL-CR-359", check_absent },
  { "UBL-CR-360", check_absent },
  { "UBL-CR-361", check_absent },
  { "UBL-CR-362", check_absent },
  { "UBL-CR-363", check_absent },
  { "UBL-CR-364", check_absent },
  { "UBL-CR-365", check_absent },
  { "UBL-CR-366", check_absent },
  { "UBL-CR-367", check_absent },
  { "UBL-CR-368", check_absent },
  { "UBL-CR-369", check_absent },
  { "UBL-CR-370", check_absent },
  { "UBL-CR-371", check_absent },
  { "UBL-CR-372", check_absent },
  { "UBL-CR-373", check_absent },
  { "UBL-CR-374", check_absent },
  { "UBL-CR-375", check_absent },
  { "UBL-CR-376", check_absent },
  { "UBL-CR-377", check_absent },
  { "UBL-CR-378", check_absent },
  { "UBL-CR-379", check_absent },
  { "UBL-CR-380", check_absent },
  { "UBL-CR-381", check_absent },
  { "UBL-CR-382", check_absent },
  { "UBL-CR-383", check_absent },
  { "UBL-CR-384", check_absent },
  { "UBL-CR-385", check_absent },
  { "UBL-CR-386", check_absent },
  { "UBL-CR-387", check_absent },
  { "UBL-CR-388", check_absent },
  { "UBL-CR-389", check_absent },
  { "UBL-CR-390", check_absent },
  { "UBL-CR-391", check_absent },
  { "UBL-CR-392", check_absent },
  { "UBL-CR-393", check_absent },
  { "UBL-CR-394", check_absent },
  { "UBL-CR-395", check_absent },
  { "UBL-CR-396", check_absent },
  { "UBL-CR-397", check_absent },
  { "UBL-CR-398", check_absent },
  { "UBL-CR-399", check_absent },
  { "UBL-CR-400", check_absent },
  { "UBL-CR-401", check_absent },
  { "UBL-CR-402", check_absent },
  { "UBL-CR-403", check_absent },
  { "UBL-CR-404", check_absent },
  { "UBL-CR-405", check_absent },
  { "UBL-CR-406", check_absent },
  { "UBL-CR-407", check_absent },
  { "UBL-CR-408", check_absent },
  { "UBL-CR-409", check_absent },
  { "UBL-CR-410", check_absent },
  { "UBL-CR-411", check_absent },
  { "UBL-CR-412", check_absent },
  { "UBL-CR-413", check_absent },
  { "UBL-CR-414", check_absent },
  { "UBL-CR-415", check_absent },
  { "UBL-CR-416", check_absent },
  { "UBL-CR-417", check_absent },
  { "UBL-CR-418", check_absent },
  { "UBL-CR-419", check_absent },
  { "UBL-CR-420", check_absent },
  { "UBL-CR-421", check_absent },
  { "UBL-CR-422", check_absent },
  { "UBL-CR-424", check_absent },
  { "UBL-CR-425", check_absent },
  { "UBL-CR-426", check_absent },
  { "UBL-CR-427", check_absent },
  { "UBL-CR-428", check_absent },
  { "UBL-CR-429", check_absent },
  { "UBL-CR-430", check_absent },
  { "UBL-CR-431", check_absent },
  { "UBL-CR-432", check_absent },
  { "UBL-CR-433", check_absent },
  { "UBL-CR-434", check_absent },
  { "UBL-CR-435", check_absent },
  { "UBL-CR-436", check_absent },
  { "UBL-CR-437", check_absent },
  { "UBL-CR-438", check_absent },
  { "UBL-CR-439", check_absent },
  { "UBL-CR-440", check_absent },
  { "UBL-CR-441", check_absent },
  { "UBL-CR-442", check_absent },
  { "UBL-CR-443", check_absent },
  { "UBL-CR-444", check_absent },
  { "UBL-CR-445", check_absent },
  { "UBL-CR-446", check_absent },
  { "UBL-CR-447", check_absent },
  { "UBL-CR-448", check_absent },
  { "UBL-CR-449", check_absent },
  { "UBL-CR-450", check_absent },
  { "UBL-CR-451", check_absent },
  { "UBL-CR-452", check_absent },
  { "UBL-CR-453", check_absent },
  { "UBL-CR-454", check_absent },
  { "UBL-CR-455", check_absent },
  { "UBL-CR-456", check_absent },
  { "UBL-CR-457", check_absent },
  { "UBL-CR-458", check_absent },
  { "UBL-CR-459", check_absent },
  { "UBL-CR-460", check_absent },
  { "UBL-CR-461", check_absent },
  { "UBL-CR-462", check_absent },
  { "UBL-CR-463", check_absent },
  { "UBL-CR-464", check_absent },
  { "UBL-CR-465", check_absent },
  { "UBL-CR-466", check_absent },
  { "UBL-CR-467", check_absent },
  { "UBL-CR-468", check_absent },
  { "UBL-CR-469", check_absent },
  { "UBL-CR-470", check_absent },
  { "UBL-CR-471", check_absent },
  { "UBL-CR-472", check_absent },
  { "UBL-CR-473", check_absent },
  { "UBL-CR-474", check_absent },
  { "UBL-CR-475", check_absent },
  { "UBL-CR-476", check_absent },
  { "UBL-CR-477", check_absent },
  { "UBL-CR-478", check_absent },
  { "UBL-CR-479", check_absent },
  { "UBL-CR-480", check_absent },
  { "UBL-CR-481", check_absent },
  { "UBL-CR-482", check_absent },
  { "UBL-CR-483", check_absent },
  { "UBL-CR-484", check_absent },
  { "UBL-CR-485", check_absent },
  { "UBL-CR-486", check_absent },
  { "UBL-CR-487", check_absent },
  { "UBL-CR-488", check_absent },
  { "UBL-CR-489", check_absent },
  { "UBL-CR-490", check_absent },
  { "UBL-CR-491", check_absent },
  { "UBL-CR-492", check_absent },
  { "UBL-CR-493", check_absent },
  { "UBL-CR-494", check_absent },
  { "UBL-CR-495", check_absent },
  { "UBL-CR-496", check_absent },
  { "UBL-CR-497", check_absent },
  { "UBL-CR-498", check_absent },
  { "UBL-CR-499", check_absent },
  { "UBL-CR-500", check_absent },
  { "UBL-CR-501", check_absent },
  { "UBL-CR-502", check_absent },
  { "UBL-CR-503", check_absent },
  { "UBL-CR-504", check_absent },
  { "UBL-CR-505", check_absent },
  { "UBL-CR-506", check_absent },
  { "UBL-CR-507", check_absent },
  { "UBL-CR-508", check_absent },
  { "UBL-CR-509", check_absent },
  { "UBL-CR-510", check_absent },
  { "UBL-CR-511", check_absent },
  { "UBL-CR-512", check_absent },
  { "UBL-CR-513", check_absent },
  { "UBL-CR-514", check_absent },
  { "UBL-CR-515", check_absent },
  { "UBL-CR-516", check_absent },
  { "UBL-CR-517", check_absent },
  { "UBL-CR-518", check_absent },
  { "UBL-CR-519", check_absent },
  { "UBL-CR-520", check_absent },
  { "UBL-CR-521", check_absent },
  { "UBL-CR-522", check_absent },
  { "UBL-CR-523", check_absent },
  { "UBL-CR-524", check_absent },
  { "UBL-CR-525", check_absent },
  { "UBL-CR-526", check_absent },
  { "UBL-CR-527", check_absent },
  { "UBL-CR-528", check_absent },
  { "UBL-CR-529", check_absent },
  { "UBL-CR-530", check_absent },
  { "UBL-CR-531", check_absent },
  { "UBL-CR-532", check_absent },
  { "UBL-CR-533", check_absent },
  { "UBL-CR-534", check_absent },
  { "UBL-CR-535", check_absent },
  { "UBL-CR-537", check_absent },
  { "UBL-CR-538", check_absent },
  { "UBL-CR-539", check_absent },
  { "UBL-CR-540", check_absent },
  { "UBL-CR-541", check_absent },
  { "UBL-CR-542", check_absent },
  { "UBL-CR-543", check_absent },
  { "UBL-CR-544", check_absent },
  { "UBL-CR-545", check_absent },
  { "UBL-CR-546", check_absent },
  { "UBL-CR-547", check_absent },
  { "UBL-CR-548", check_absent },
  { "UBL-CR-549", check_absent },
  { "UBL-CR-550", check_absent },
  { "UBL-CR-551", check_absent },
  { "UBL-CR-552", check_absent },
  { "UBL-CR-553", check_absent },
  { "UBL-CR-554", check_absent },
  { "UBL-CR-555", check_absent },
  { "UBL-CR-556", check_absent },
  { "UBL-CR-557", check_absent },
  { "UBL-CR-558", check_absent },
  { "UBL-CR-559", check_absent },
  { "UBL-CR-560", check_absent },
  { "UBL-CR-561", check_absent },
  { "UBL-CR-562", check_absent },
  { "UBL-CR-563", check_absent },
  { "UBL-CR-564", check_absent },
  { "UBL-CR-565", check_absent },
  { "UBL-CR-566", check_absent },
  { "UBL-CR-567", check_absent },
  { "UBL-CR-568", check_absent },
  { "UBL-CR-569", check_absent },
  { "UBL-CR-570", check_absent },
  { "UBL-CR-571", check_absent },
  { "UBL-CR-572", check_absent },
  { "UBL-CR-573", check_absent },
  { "UBL-CR-574", check_absent },
  { "UBL-CR-575", check_absent },
  { "UBL-CR-576", check_absent },
  { "UBL-CR-577", check_absent },
  { "UBL-CR-578", check_absent },
  { "UBL-CR-579", check_absent },
  { "UBL-CR-580", check_absent },
  { "UBL-CR-581", check_absent },
  { "UBL-CR-582", check_absent },
  { "UBL-CR-583", check_absent },
  { "UBL-CR-584", check_absent },
  { "UBL-CR-585", check_absent },
  { "UBL-CR-586", check_absent },
  { "UBL-CR-587", check_absent },
  { "UBL-CR-588", check_absent },
  { "UBL-CR-589", check_absent },
  { "UBL-CR-590", check_absent },
  { "UBL-CR-591", check_absent },
  { "UBL-CR-592", check_absent },
  { "UBL-CR-593", check_absent },
  { "UBL-CR-594", check_absent },
  { "UBL-CR-595", check_absent },
  { "UBL-CR-596", check_absent },
  { "UBL-CR-597", check_absent },
  { "UBL-CR-598", check_absent },
  { "UBL-CR-599", check_absent },
  { "UBL-CR-600", check_absent },
  { "UBL-CR-601", check_absent },
  { "UBL-CR-602", check_absent },
  { "UBL-CR-603", check_absent },
  { "UBL-CR-604", check_absent },
  { "UBL-CR-605", check_absent },
  { "UBL-CR-606", check_absent },
  { "UBL-CR-607", check_absent },
  { "UBL-CR-608", check_absent },
  { "UBL-CR-609", check_absent },
  { "UBL-CR-610", check_absent },
  { "UBL-CR-611", check_absent },
  { "UBL-CR-612", check_absent },
  { "UBL-CR-613", check_absent },
  { "UBL-CR-614", check_absent },
  { "UBL-CR-615", check_absent },
  { "UBL-CR-616", check_absent },
  { "UBL-CR-617", check_absent },
  { "UBL-CR-618", check_absent },
  { "UBL-CR-619", check_absent },
  { "UBL-CR-620", check_absent },
  { "UBL-CR-621", check_absent },
  { "UBL-CR-622", check_absent },
  { "UBL-CR-623", check_absent },
  { "UBL-CR-624", check_absent },
  { "UBL-CR-625", check_absent },
  { "UBL-CR-626", check_absent },
  { "UBL-CR-627", check_absent },
  { "UBL-CR-628", check_absent },
  { "UBL-CR-629", check_absent },
  { "UBL-CR-630", check_absent },
  { "UBL-CR-632", check_absent },
  { "UBL-CR-633", check_absent },
  { "UBL-CR-634", check_absent },
  { "UBL-CR-635", check_absent },
  { "UBL-CR-636", check_absent },
  { "UBL-CR-637", check_absent },
  { "UBL-CR-638", check_absent },
  { "UBL-CR-639", check_absent },
  { "UBL-CR-640", check_absent },
  { "UBL-CR-641", check_absent },
  { "UBL-CR-642", check_absent },
  { "UBL-CR-643", check_absent },
  { "UBL-CR-644", check_absent },
  { "UBL-CR-645", check_absent },
  { "UBL-CR-646", check_absent },
  { "UBL-CR-647", check_absent },
  { "UBL-CR-648", check_absent },
  { "UBL-CR-649", check_absent },
  { "UBL-CR-650", check_absent },
  { "UBL-CR-651", check_absent },
  { "UBL-CR-652", check_absent },
  { "UBL-CR-653", check_absent },
  { "UBL-CR-654", check_absent },
  { "UBL-CR-655", check_absent },
  { "UBL-CR-656", check_absent },
  { "UBL-CR-657", check_absent },
  { "UBL-CR-658", check_absent },
  { "UBL-CR-659", check_absent },
  { "UBL-CR-660", check_absent },
  { "UBL-CR-661", check_absent },
  { "UBL-CR-662", check_absent },
  { "UBL-CR-663", check_absent },
  { "UBL-CR-664", check_absent },
  { "UBL-CR-665", check_absent },
  { "UBL-CR-666", check_absent },
  { "UBL-CR-667", check_absent },
  { "UBL-CR-668", check_absent },
  { "UBL-CR-669", check_absent },
  { "UBL-CR-670", check_absent },
  { "UBL-CR-671", check_absent },
  { "UBL-CR-672", check_absent },
  { "UBL-CR-673", check_absent },
  { "UBL-CR-674", check_absent },
  { "UBL-CR-675", check_absent },
  { "UBL-CR-676", check_absent },
  { "UBL-CR-677", check_absent },
  { "UBL-CR-678", check_absent },
  { "UBL-CR-679", check_absent },
  { "UBL-CR-680", check_absent },
  { "UBL-CR-681", check_absent },
  { "UBL-CR-682", check_absent },
};

/* 1 cr_rules, absent_ids and absent_rules list the same rules in the same
 * order (quiet_absent() relies on it), 2 not, 0 not checked yet; every
 * thread finds the same (relaxed atomics) */
static atomic_int tables_aligned;

static bool
rule_tables_aligned (void)
{
  int known = atomic_load_explicit (&tables_aligned, memory_order_relaxed);
  if (known == 0)
    {
      bool same = sizeof cr_rules / sizeof cr_rules[0] == N_ABSENT
                  && sizeof absent_ids / sizeof absent_ids[0] == N_ABSENT;
      for (size_t i = 0; same && i < N_ABSENT; i++)
        same = strcmp (cr_rules[i].rule, absent_rules[i].rule) == 0
               && strcmp (absent_ids[i], absent_rules[i].rule) == 0
               && cr_rules[i].check == check_absent;
      known = same ? 1 : 2;
      atomic_store_explicit (&tables_aligned, known, memory_order_relaxed);
    }
  return known == 1;
}

/* The family's quiet hook: once the walk is done, the path rules without
 * a hit from @r on (most of the 678) are not run one by one (each would
 * only find it has nothing to report, as dv_group_skip() does); a rule
 * with a hit or a condition of its own stops the run. */
static size_t
quiet_absent (DokusValCtx *v, size_t r)
{
  DvGroupState *s;
  size_t k = r;
  if (!rule_tables_aligned ())
    return 0;
  s = absent_state (v);
  if (s == NULL || !s->walked || s->next != r)
    return 0;
  while (k < N_ABSENT && absent_rules[k].path[0] != 'S'
         && (s->n == 0 || (s->first != NULL && s->first[k] == s->first[k + 1])))
    k++;
  s->next = k;
  return k - r;
}

DOKUS_VAL_FAMILY_QUIET (dokus_val_family_ubl_cr, "UBL-CR", cr_rules, quiet_absent);
