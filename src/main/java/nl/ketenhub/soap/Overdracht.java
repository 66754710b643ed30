package nl.ketenhub.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.xml.ws.Action;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.soap.xml.Acknowledgement;
import nl.ketenhub.soap.xml.ApplicationStatus;
import nl.ketenhub.soap.xml.CanonicalEnvelope;
import nl.ketenhub.soap.xml.Receipt;

/**
 * The port type of schemas/wsdl/overdracht.wsdl: the hub implements it at /ws/overdracht, and SOAP partners implement
 * it to receive deliveries. Every operation answers a receipt once the message is durable, or a fault.
 */
@WebService(name = "Overdracht", targetNamespace = Overdracht.NS)
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, use = SOAPBinding.Use.LITERAL, parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface Overdracht {

    String NS = "https://ketenhub.nl/ws/overdracht/v1";
    String OSO = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    String ACTION_DOSSIER = NS + "/Dossier";
    String ACTION_APPLICATION_STATUS = NS + "/ApplicationStatus";
    String ACTION_ACKNOWLEDGEMENT = NS + "/Acknowledgement";
    String ACTION_CANONICAL = NS + "/CanonicalEnvelope";
    String ACTION_RECEIPT = NS + "/Receipt";

    @WebMethod(operationName = "SubmitDossier", action = ACTION_DOSSIER)
    @Action(input = ACTION_DOSSIER, output = ACTION_RECEIPT)
    @WebResult(name = "receipt", targetNamespace = NS, partName = "receipt")
    Receipt submitDossier(@WebParam(name = "dossier", targetNamespace = OSO, partName = "dossier") Dossier dossier);

    @WebMethod(operationName = "SubmitApplicationStatus", action = ACTION_APPLICATION_STATUS)
    @Action(input = ACTION_APPLICATION_STATUS, output = ACTION_RECEIPT)
    @WebResult(name = "receipt", targetNamespace = NS, partName = "receipt")
    Receipt submitApplicationStatus(
            @WebParam(name = "applicationStatus", targetNamespace = NS, partName = "applicationStatus") ApplicationStatus status);

    @WebMethod(operationName = "SubmitAcknowledgement", action = ACTION_ACKNOWLEDGEMENT)
    @Action(input = ACTION_ACKNOWLEDGEMENT, output = ACTION_RECEIPT)
    @WebResult(name = "receipt", targetNamespace = NS, partName = "receipt")
    Receipt submitAcknowledgement(
            @WebParam(name = "acknowledgement", targetNamespace = NS, partName = "acknowledgement") Acknowledgement ack);

    @WebMethod(operationName = "SubmitCanonicalEnvelope", action = ACTION_CANONICAL)
    @Action(input = ACTION_CANONICAL, output = ACTION_RECEIPT)
    @WebResult(name = "receipt", targetNamespace = NS, partName = "receipt")
    Receipt submitCanonicalEnvelope(
            @WebParam(name = "canonicalEnvelope", targetNamespace = NS, partName = "canonicalEnvelope") CanonicalEnvelope envelope);
}
